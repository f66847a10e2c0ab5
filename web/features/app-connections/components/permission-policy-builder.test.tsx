import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PermissionPolicyBuilder } from "#web/features/app-connections/components/permission-policy-builder.tsx";
import { StsEndpointField } from "#web/features/app-connections/components/sts-endpoint-field.tsx";

afterEach(cleanup);

const policyText = () => screen.getByLabelText("Permission policy").textContent!;

describe("PermissionPolicyBuilder", () => {
  it("starts with IAM dynamic secrets under /leasehold/ and merges what is ticked", () => {
    render(<PermissionPolicyBuilder principalKind="role" />);
    expect(JSON.parse(policyText()).Statement[0].Resource).toBe("arn:aws:iam::*:user/leasehold/*");
    fireEvent.click(screen.getByLabelText("Secrets Manager"));
    fireEvent.click(screen.getByLabelText("Parameter Store"));
    const statements = JSON.parse(policyText()).Statement as { Resource: string; Action: string[] }[];
    const anyResource = statements.filter((s) => s.Resource === "*");
    expect(anyResource).toHaveLength(1);
    expect(anyResource[0]!.Action.filter((a) => a === "kms:Decrypt")).toHaveLength(1);
  });

  it("asks for the inputs a use case needs, beside them", () => {
    render(<PermissionPolicyBuilder principalKind="user" />);
    fireEvent.click(screen.getByLabelText("Private CA"));
    expect(screen.getByText(/Enter the CA's ARN/)).toBeTruthy();
    expect(screen.getByLabelText("Private CA ARN").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByLabelText("Private CA ARN"), {
      target: { value: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/abc-123" },
    });
    expect(screen.queryByText(/Enter the CA's ARN/)).toBeNull();
    expect(policyText()).toContain("certificate-authority/abc-123");
  });

  it("says what to do when nothing is ticked", () => {
    render(<PermissionPolicyBuilder principalKind="role" />);
    fireEvent.click(screen.getByLabelText("IAM dynamic secrets"));
    expect(screen.getByText("Pick at least one use case to get a permission policy.")).toBeTruthy();
  });
});

describe("StsEndpointField", () => {
  it("offers the regional endpoints, and a typed one for anything else", () => {
    let value = "";
    const { rerender } = render(<StsEndpointField value={value} onChange={(next) => (value = next)} />);
    const select = screen.getByLabelText("STS endpoint (optional)");
    fireEvent.change(select, { target: { value: "https://sts.eu-west-1.amazonaws.com/" } });
    expect(value).toBe("https://sts.eu-west-1.amazonaws.com/");
    fireEvent.change(select, { target: { value: "custom" } });
    rerender(
      <StsEndpointField value={value} onChange={(next) => (value = next)} error="The STS endpoint must use https" />,
    );
    expect(screen.getByLabelText("Endpoint URL").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("The STS endpoint must use https")).toBeTruthy();
  });
});
