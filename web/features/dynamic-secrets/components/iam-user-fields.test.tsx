import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { errorOf, sent, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { chooseTab, openSecretForm, secretFixture, submitForm } from "../dynamic-secrets.fixtures.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(dynamicSecretRoutes.create);
const field = (name: string) => screen.getByRole("textbox", { name });
const saved = { [stubKey(dynamicSecretRoutes.create)]: { body: { dynamicSecret: secretFixture() } } };

async function openNamed() {
  const opened = await openSecretForm(null, saved);
  typeInto(field("Secret name"), "dev-admin");
  typeInto(field("Role ARN"), "arn:aws:iam::123456789012:role/leasehold");
  return opened;
}

describe("IamUserFields", () => {
  it("checks the path, the boundary ARN and the inline policy with the API's rules", async () => {
    const { fetch } = await openNamed();
    typeInto(field("IAM path"), "leasehold");
    typeInto(field("Permission boundary ARN"), "boundary");
    typeInto(field("Inline policy (JSON)"), "{ not json");
    await submitForm("Create dynamic secret");
    expect(errorOf(field("IAM path"))).toBe('An IAM path starts and ends with "/", such as /leasehold/');
    expect(errorOf(field("Permission boundary ARN"))).toBe(
      "Enter a managed policy ARN, such as arn:aws:iam::123456789012:policy/boundary",
    );
    expect(errorOf(field("Inline policy (JSON)"))).toBe("The policy document is not valid JSON");
    expect(sent(fetch, "POST", CREATE)).toHaveLength(0);

    typeInto(field("Inline policy (JSON)"), '{"Version":"2012-10-17"}');
    await waitFor(() =>
      expect(errorOf(field("Inline policy (JSON)"))).toBe(
        'The policy document must be a JSON object with a "Statement"',
      ),
    );
    typeInto(field("IAM path"), "/leasehold/");
    await waitFor(() => expect(errorOf(field("IAM path"))).toBeNull());
  });

  it("adds, checks and removes tags, and sends the region chosen from the list", async () => {
    const { fetch } = await openNamed();
    fireEvent.click(screen.getByRole("button", { name: "Add tag" }));
    fireEvent.click(screen.getByRole("button", { name: "Add tag" }));
    typeInto(field("Tag 1 key"), "aws:team");
    typeInto(field("Tag 2 key"), "team");
    typeInto(field("Tag 2 value"), "payments");
    await submitForm("Create dynamic secret");
    expect(errorOf(field("Tag 1 key"))).toBe('Tag keys starting with "aws:" are reserved by AWS');

    fireEvent.click(screen.getByRole("button", { name: "Remove tag 1" }));
    expect(screen.queryByRole("textbox", { name: "Tag 2 key" })).toBeNull();
    expect((field("Tag 1 key") as HTMLInputElement).value).toBe("team");
    fireEvent.change(screen.getByRole("combobox", { name: "Region" }), { target: { value: "eu-west-1" } });
    await submitForm("Create dynamic secret");
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    expect(sent(fetch, "POST", CREATE)[0]!.body).toMatchObject({
      provider: { inputs: { region: "eu-west-1", tags: [{ key: "team", value: "payments" }] } },
    });
  });

  it("for sessions, offers policy ARNs only with an access key, and says what its revoke cannot do", async () => {
    await openSecretForm(null);
    fireEvent.click(screen.getByRole("radio", { name: /Temporary credentials/ }));
    expect(screen.queryByRole("textbox", { name: "Session policy ARNs" })).toBeNull();
    expect(screen.queryByText(/a lease is a GetSessionToken session, which AWS cannot revoke/)).toBeNull();
    chooseTab("Access key");
    expect(field("Session policy ARNs")).toBeTruthy();
    expect(screen.getByText(/a lease is a GetSessionToken session, which AWS cannot revoke/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add session tag" }));
    expect(field("Session tag 1 key")).toBeTruthy();
  });
});
