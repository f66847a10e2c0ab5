import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import type { IdentityAwsAuth } from "#shared/schemas/aws-auth.ts";
import { Button } from "#web/components/ui/button.tsx";
import { badRequest, errorOf, renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { awsAuthFixture, IDENTITY_ID } from "../identities.fixtures.ts";
import { AwsAuthForm } from "./aws-auth-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = { identityId: IDENTITY_ID };
const SAVE = pathPattern(awsAuthRoutes.attach, ID);

async function renderForm(existing: IdentityAwsAuth | null, answer?: Parameters<typeof stubApi>[0][string]) {
  const saved = answer ?? { body: { identityAwsAuth: awsAuthFixture() } };
  const fetch = stubApi({ [stubKey(awsAuthRoutes.attach, ID)]: saved, [stubKey(awsAuthRoutes.update, ID)]: saved });
  const onSaved = vi.fn();
  renderInRouter(
    <AwsAuthForm
      identityId={IDENTITY_ID}
      existing={existing}
      onSaved={onSaved}
      actions={({ pending }) => (
        <Button type="submit" pending={pending}>
          Save
        </Button>
      )}
    />,
  );
  await screen.findByRole("form", { name: "AWS Auth settings" });
  return { fetch, onSaved };
}

const field = (name: string) => screen.getByRole("textbox", { name });
const clients = () => screen.getByRole("group", { name: "Which client will log in?" });
const infisicalClient = () => within(clients()).getByRole("radio", { name: /^Infisical's SDK, CLI or Kubernetes/ });
const leaseholdClient = () => within(clients()).getByRole("radio", { name: /^Leasehold's CLI or client/ });
const save = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Save" })));

describe("AwsAuthForm", () => {
  it("asks who may log in and which client will, and refuses to let anyone with AWS credentials in", async () => {
    const { fetch } = await renderForm(null);
    expect((field("Token TTL") as HTMLInputElement).value).toBe("1h");
    expect((field("Token max TTL") as HTMLInputElement).value).toBe("1d");
    expect(screen.getByText(/a wildcard \(such as role\/ci-\*\) cannot be bound/)).toBeTruthy();
    // Asked, never assumed: neither client is chosen at first.
    expect((infisicalClient() as HTMLInputElement).checked).toBe(false);
    expect((leaseholdClient() as HTMLInputElement).checked).toBe(false);
    await save();
    const anyone =
      "Allow at least one principal ARN or account ID: with both empty, anyone with AWS credentials could log in";
    expect(errorOf(field("Allowed principal ARNs"))).toBe(anyone);
    expect(errorOf(field("Allowed AWS account IDs"))).toBe(anyone);
    expect(within(clients()).getByText("Choose which client will log in")).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();

    // One list is enough, and filling it clears the rule on both.
    typeInto(field("Allowed AWS account IDs"), "123456789012");
    await waitFor(() => expect(errorOf(field("Allowed principal ARNs"))).toBeNull());
    expect(errorOf(field("Allowed AWS account IDs"))).toBeNull();
  });

  it("checks each entry, the durations and their order at the right field", async () => {
    const { fetch } = await renderForm(null);
    typeInto(field("Allowed principal ARNs"), "arn:aws:iam::123456789012:root\narn:aws:iam::*:role/x");
    typeInto(field("Allowed AWS account IDs"), "12345");
    typeInto(field("Token TTL"), "2d");
    typeInto(field("Token max TTL"), "1d");
    fireEvent.click(infisicalClient());
    await save();
    expect(errorOf(field("Allowed principal ARNs"))).toBe(
      '"arn:aws:iam::123456789012:root" is an account root; root principals cannot log in',
    );
    expect(errorOf(field("Allowed AWS account IDs"))).toBe('"12345" is not a 12-digit AWS account ID');
    expect(errorOf(field("Token TTL"))).toBe("The TTL cannot be longer than the max TTL");
    typeInto(field("Token max TTL"), "soon");
    await waitFor(() => expect(errorOf(field("Token max TTL"))).toBe("Enter a duration such as 15m, 12h or 30d"));
    expect(screen.getByText(/A number with s, m, h or d/)).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("attaches with commas and seconds, bound to this server for Leasehold's clients", async () => {
    const { fetch, onSaved } = await renderForm(null);
    typeInto(
      field("Allowed principal ARNs"),
      "arn:aws:iam::123456789012:role/payments-lambda\n arn:aws:iam::123456789012:role/ci-*",
    );
    typeInto(field("Token TTL"), "15m");
    typeInto(screen.getByRole("spinbutton", { name: "Uses per token" }), "5");
    fireEvent.click(leaseholdClient());
    await save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent(fetch, "POST", SAVE).map((request) => request.body)).toEqual([
      {
        stsEndpoint: "https://sts.amazonaws.com/",
        allowedPrincipalArns: "arn:aws:iam::123456789012:role/payments-lambda,arn:aws:iam::123456789012:role/ci-*",
        allowedAccountIds: "",
        accessTokenTTL: 900,
        accessTokenMaxTTL: 86400,
        accessTokenNumUsesLimit: 5,
        accessTokenTrustedIps: [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }],
        serverIdHeader: true,
      },
    ]);
  });

  it("edits an existing configuration with a PATCH, from its saved values and client choice", async () => {
    const existing = awsAuthFixture({
      allowedAccountIds: "123456789012,210987654321",
      accessTokenTTL: 5400,
      serverIdHeader: false,
    });
    const { fetch } = await renderForm(existing);
    expect((field("Allowed AWS account IDs") as HTMLInputElement).value).toBe("123456789012\n210987654321");
    expect((field("Token TTL") as HTMLInputElement).value).toBe("90m");
    expect((infisicalClient() as HTMLInputElement).checked).toBe(true);
    await save();
    await waitFor(() => expect(sent(fetch, "PATCH", SAVE)).toHaveLength(1));
    expect(sent(fetch, "PATCH", SAVE)[0]!.body).toMatchObject({ accessTokenTTL: 5400, serverIdHeader: false });
  });

  it("puts the server's issues on their fields", async () => {
    await renderForm(
      null,
      badRequest([{ path: ["allowedPrincipalArns"], message: "IAM has no role named payments-lambda" }]),
    );
    typeInto(field("Allowed principal ARNs"), "arn:aws:iam::123456789012:role/payments-lambda");
    fireEvent.click(infisicalClient());
    await save();
    await waitFor(() => expect(errorOf(field("Allowed principal ARNs"))).toBe("IAM has no role named payments-lambda"));
    expect(document.activeElement).toBe(field("Allowed principal ARNs"));
  });
});
