import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { sent, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { openSecretForm, secretFixture, submitForm } from "../dynamic-secrets.fixtures.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(dynamicSecretRoutes.create);
const temporary = () =>
  screen.getByRole("radio", { name: /Temporary credentials \(STS session\)/ }) as HTMLInputElement;
const iamUser = () => screen.getByRole("radio", { name: /IAM user with an access key/ }) as HTMLInputElement;

describe("CredentialTypeField", () => {
  it("temporary credentials bring the session's fields, shorten the default max TTL to 12h, and are sent", async () => {
    const { fetch } = await openSecretForm(null, {
      [stubKey(dynamicSecretRoutes.create)]: { body: { dynamicSecret: secretFixture() } },
    });
    expect(screen.getByRole("group", { name: "The leased IAM users" })).toBeTruthy();
    fireEvent.click(temporary());
    expect(temporary().checked).toBe(true);
    expect((screen.getByRole("textbox", { name: "Max TTL" }) as HTMLInputElement).value).toBe("12h");
    expect(screen.getByRole("group", { name: "The leased sessions" })).toBeTruthy();
    expect(screen.queryByRole("textbox", { name: "IAM path" })).toBeNull();
    expect(screen.getByRole("textbox", { name: "Session policy (JSON)" })).toBeTruthy();

    typeInto(screen.getByRole("textbox", { name: "Secret name" }), "dev-session");
    typeInto(screen.getByRole("textbox", { name: "Role ARN" }), "arn:aws:iam::123456789012:role/leasehold");
    await submitForm("Create dynamic secret");
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    const body = sent(fetch, "POST", CREATE)[0]!.body as { maxTTL: string; provider: { inputs: object } };
    expect(body.maxTTL).toBe("12h");
    expect(body.provider.inputs).toEqual({
      credentialType: "temporary-credentials",
      region: "us-east-1",
      sessionPolicy: "",
      sessionTags: [],
      method: "assume-role",
      roleArn: "arn:aws:iam::123456789012:role/leasehold",
    });
  });

  it("keeps a max TTL the person chose when switching to temporary credentials", async () => {
    await openSecretForm(null);
    typeInto(screen.getByRole("textbox", { name: "Max TTL" }), "4h");
    fireEvent.click(temporary());
    expect((screen.getByRole("textbox", { name: "Max TTL" }) as HTMLInputElement).value).toBe("4h");
  });

  it("is fixed once saved: the other kind cannot be chosen, and the dialog says why", async () => {
    await openSecretForm(secretFixture());
    expect(iamUser().checked).toBe(true);
    expect(iamUser().disabled).toBe(false);
    expect(temporary().disabled).toBe(true);
    expect(screen.getByText(/The credential type cannot change once saved/)).toBeTruthy();
  });
});
