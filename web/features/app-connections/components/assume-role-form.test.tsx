import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { badRequest, errorOf, renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { connectionFixture, ORG_ID, ROLE_ARN } from "../app-connections.fixtures.ts";
import { AssumeRoleForm } from "./assume-role-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(appConnectionRoutes.create);
const created = { body: { appConnection: connectionFixture() } };

async function renderForm(answer: Parameters<typeof stubApi>[0][string] = created) {
  const fetch = stubApi({ [stubKey(appConnectionRoutes.create)]: answer });
  const onConnected = vi.fn();
  renderInRouter(<AssumeRoleForm scope={{ orgId: ORG_ID, projectId: null }} onConnected={onConnected} />);
  await screen.findByRole("form", { name: "Connect with a role" });
  return { fetch, onConnected };
}

const field = {
  name: () => screen.getByRole("textbox", { name: "Connection name" }) as HTMLInputElement,
  roleArn: () => screen.getByRole("textbox", { name: "Role ARN" }) as HTMLInputElement,
  endpoint: () => screen.getByRole("combobox", { name: "STS endpoint (optional)" }) as HTMLSelectElement,
  endpointUrl: () => screen.getByRole("textbox", { name: "Endpoint URL" }) as HTMLInputElement,
};
const connect = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Connect to AWS" })));

describe("AssumeRoleForm", () => {
  it("names the missing name and role ARN on submit and sends nothing", async () => {
    const { fetch } = await renderForm();
    await connect();
    expect(errorOf(field.name())).toBe("Enter a name");
    expect(errorOf(field.roleArn())).toBe("Enter the ARN of the IAM role to assume");
    expect(document.activeElement).toBe(field.name());
    expect(fetch).not.toHaveBeenCalled();
  });

  it("checks the ARN as it is typed: a user's ARN is refused, a role's is read back", async () => {
    await renderForm();
    typeInto(field.roleArn(), "arn:aws:iam::123456789012:user/ci");
    await waitFor(() =>
      expect(errorOf(field.roleArn())).toBe(
        "Enter the ARN of an IAM role, such as arn:aws:iam::123456789012:role/leasehold",
      ),
    );
    typeInto(field.roleArn(), "arn:aws-cn:iam::123456789012:role/ops/leasehold");
    await waitFor(() => expect(errorOf(field.roleArn())).toBeNull());
    expect(screen.getByText(/in account/).textContent).toBe("Role leasehold in account 123456789012 (aws-cn).");
  });

  it("a typed STS endpoint must be one of AWS STS's, and the rule shows under the URL field", async () => {
    const { fetch } = await renderForm();
    typeInto(field.name(), "prod-aws");
    typeInto(field.roleArn(), ROLE_ARN);
    fireEvent.change(field.endpoint(), { target: { value: "custom" } });
    typeInto(field.endpointUrl(), "https://evil.example.com");
    await connect();
    await waitFor(() => expect(errorOf(field.endpointUrl())).toBeTruthy());
    expect(fetch).not.toHaveBeenCalled();

    typeInto(field.endpointUrl(), "https://sts.eu-west-1.amazonaws.com");
    await waitFor(() => expect(errorOf(field.endpointUrl())).toBeNull());
    await connect();
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    expect(sent(fetch, "POST", CREATE)[0]!.body).toMatchObject({
      credentials: { roleArn: ROLE_ARN, stsEndpoint: "https://sts.eu-west-1.amazonaws.com" },
    });
  });

  it("creates an organization's connection with the role and hands it on", async () => {
    const { fetch, onConnected } = await renderForm();
    typeInto(field.name(), "prod-aws");
    typeInto(field.roleArn(), `  ${ROLE_ARN} `);
    await connect();
    await waitFor(() => expect(onConnected).toHaveBeenCalledWith(created.body.appConnection));
    expect(sent(fetch, "POST", CREATE)[0]!.body).toEqual({
      name: "prod-aws",
      description: "",
      method: "assume-role",
      projectId: null,
      credentials: { roleArn: ROLE_ARN, stsEndpoint: "" },
    });
    expect(field.roleArn().value).toBe("");
  });

  it("puts AWS's refusal on the role ARN field", async () => {
    await renderForm(
      badRequest([{ path: ["credentials", "roleArn"], message: "AWS refused AssumeRole: check the trust policy" }]),
    );
    typeInto(field.name(), "prod-aws");
    typeInto(field.roleArn(), ROLE_ARN);
    await connect();
    await waitFor(() => expect(errorOf(field.roleArn())).toBe("AWS refused AssumeRole: check the trust policy"));
    expect(document.activeElement).toBe(field.roleArn());
  });
});
