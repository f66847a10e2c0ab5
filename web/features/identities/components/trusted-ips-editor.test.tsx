import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it } from "vitest";
import { type AwsAuthFormValues, newAwsAuthFormValues } from "./aws-auth-form-schema.ts";
import { TrustedIpsEditor } from "./trusted-ips-editor.tsx";

afterEach(cleanup);

function Host({ ips }: { ips: string[] }) {
  const form = useForm<AwsAuthFormValues>({
    defaultValues: { ...newAwsAuthFormValues, accessTokenTrustedIps: ips.map((ipAddress) => ({ ipAddress })) },
  });
  return <TrustedIpsEditor form={form} />;
}

describe("TrustedIpsEditor", () => {
  it("names each Remove in words, and removes that entry", () => {
    render(<Host ips={["10.0.0.0/8", "192.168.0.1"]} />);
    const second = screen.getByRole("button", { name: "Remove trusted IP 2" });
    expect(second.textContent).toBe("Remove");
    fireEvent.click(second);
    expect(screen.queryByRole("button", { name: "Remove trusted IP 2" })).toBeNull();
    expect((screen.getByLabelText("Trusted IP 1") as HTMLInputElement).value).toBe("10.0.0.0/8");
  });

  it("keeps the last entry: it cannot be removed", () => {
    render(<Host ips={["0.0.0.0/0"]} />);
    expect((screen.getByRole("button", { name: "Remove trusted IP 1" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
