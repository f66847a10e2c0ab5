import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { badRequest, errorOf, failure, sent, settle, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { LOCATION, openSecretForm, secretFixture, submitForm } from "../dynamic-secrets.fixtures.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(dynamicSecretRoutes.create);
const PATCH = pathPattern(dynamicSecretRoutes.update, { name: "dev-admin" });
const ROLE_ARN = "arn:aws:iam::123456789012:role/leasehold";
const saved = { body: { dynamicSecret: secretFixture() } };
const field = (name: string) => screen.getByRole("textbox", { name });
const changes = (fetch: Awaited<ReturnType<typeof openSecretForm>>["fetch"]) => [
  ...sent(fetch, "POST", CREATE),
  ...sent(fetch, "PATCH", new RegExp(`^${pathOf(dynamicSecretRoutes.create)}/`)),
];

describe("DynamicSecretFormDialog: adding", () => {
  it("opens with the seed's defaults; Cancel saves nothing and gives focus back to the button", async () => {
    const { fetch, trigger, dialog } = await openSecretForm(null);
    expect(dialog.textContent).toContain("Stored in dev:/.");
    expect((field("Default TTL") as HTMLInputElement).value).toBe("1h");
    expect((field("Max TTL") as HTMLInputElement).value).toBe("1d");
    expect(screen.getByRole("tab", { name: "Assume role (recommended)" }).getAttribute("aria-selected")).toBe("true");
    expect((screen.getByRole("radio", { name: /IAM user with an access key/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(changes(fetch)).toHaveLength(0);
  });

  it("shows the API's own rules at their fields on submit, and clears each once fixed", async () => {
    const { fetch } = await openSecretForm(null);
    typeInto(field("Default TTL"), "soon");
    await submitForm("Create dynamic secret");
    expect(errorOf(field("Secret name"))).toBe("Enter a slug");
    expect(errorOf(field("Default TTL"))).toBe(
      'Enter a duration such as "30m", "1h" or "7d" (a bare number means seconds)',
    );
    expect(errorOf(field("Role ARN"))).toBe("Enter the ARN of the IAM role to assume");
    expect(document.activeElement).toBe(field("Secret name"));

    typeInto(field("Secret name"), "leases");
    typeInto(field("Default TTL"), "2d");
    await submitForm("Create dynamic secret");
    expect(errorOf(field("Secret name"))).toBe("This name is reserved; choose another");
    expect(errorOf(field("Default TTL"))).toBe("The default TTL (2d) is longer than the max TTL (1d)");

    typeInto(field("Secret name"), "dev-admin");
    typeInto(field("Default TTL"), "30m");
    typeInto(field("Role ARN"), ROLE_ARN);
    await waitFor(() => expect(errorOf(field("Secret name"))).toBeNull());
    expect(errorOf(field("Default TTL"))).toBeNull();
    expect(errorOf(field("Role ARN"))).toBeNull();
    expect(changes(fetch)).toHaveLength(0);
  });

  it("creates it at the page's location with the chosen method's inputs, then closes and says so", async () => {
    const { fetch, trigger } = await openSecretForm(null, { [stubKey(dynamicSecretRoutes.create)]: saved });
    typeInto(field("Secret name"), "dev-admin");
    typeInto(field("Role ARN"), ROLE_ARN);
    typeInto(field("User groups"), "developers");
    await submitForm("Create dynamic secret");
    expect(await screen.findByText("Dynamic secret “dev-admin” created")).toBeTruthy();
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(sent(fetch, "POST", CREATE).map((request) => request.body)).toEqual([
      {
        ...LOCATION,
        name: "dev-admin",
        defaultTTL: "1h",
        maxTTL: "1d",
        usernameTemplate: "{{randomUsername}}",
        provider: {
          type: "aws-iam",
          inputs: {
            credentialType: "iam-user",
            region: "us-east-1",
            awsPath: "",
            permissionBoundaryPolicyArn: "",
            policyDocument: "",
            userGroups: "developers",
            policyArns: "",
            tags: [],
            method: "assume-role",
            roleArn: ROLE_ARN,
          },
        },
      },
    ]);
  });

  it("puts the server's issues on their fields, and leaves the dialog open", async () => {
    await openSecretForm(null, {
      [stubKey(dynamicSecretRoutes.create)]: badRequest([
        { path: ["name"], message: "A dynamic secret named dev-admin exists here" },
        { path: ["provider", "inputs", "userGroups"], message: 'The group "developers" does not exist' },
      ]),
    });
    typeInto(field("Secret name"), "dev-admin");
    typeInto(field("Role ARN"), ROLE_ARN);
    typeInto(field("User groups"), "developers");
    await submitForm("Create dynamic secret");
    await waitFor(() => expect(errorOf(field("Secret name"))).toBe("A dynamic secret named dev-admin exists here"));
    expect(errorOf(field("User groups"))).toBe('The group "developers" does not exist');
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("shows a refusal about no field as a message, and keeps what was typed", async () => {
    await openSecretForm(null, {
      [stubKey(dynamicSecretRoutes.create)]: failure(403, "Only project admins can add dynamic secrets here"),
    });
    typeInto(field("Secret name"), "dev-admin");
    typeInto(field("Role ARN"), ROLE_ARN);
    await submitForm("Create dynamic secret");
    expect(await screen.findByText("Only project admins can add dynamic secrets here")).toBeTruthy();
    expect((field("Secret name") as HTMLInputElement).value).toBe("dev-admin");
  });
});

describe("DynamicSecretFormDialog: editing", () => {
  it("starts from the saved values; an empty secret key keeps the stored one; a rename is newName", async () => {
    let answer = (_: { body: unknown }) => {};
    const { fetch } = await openSecretForm(secretFixture(), {
      [stubKey(dynamicSecretRoutes.update, { name: "dev-admin" })]: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    expect((field("Secret name") as HTMLInputElement).value).toBe("dev-admin");
    expect(screen.getByRole("tab", { name: "Access key" }).getAttribute("aria-selected")).toBe("true");
    expect((field("Access key ID") as HTMLInputElement).value).toBe("AKIAIOSFODNN7EXAMPLE");
    const secret = screen.getByLabelText("Secret access key") as HTMLInputElement;
    expect(secret.value).toBe("");
    expect(secret.placeholder).toBe("Leave empty to keep the stored key");

    typeInto(field("Secret name"), "dev-admin-2");
    await submitForm("Save changes");
    const save = screen.getByRole("button", { name: "Save changes" }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(true));
    const [patch] = sent(fetch, "PATCH", PATCH);
    expect(patch!.body).toMatchObject({
      ...LOCATION,
      data: { newName: "dev-admin-2", defaultTTL: "1h", maxTTL: "1d" },
    });
    const inputs = (patch!.body as { data: { inputs: Record<string, unknown> } }).data.inputs;
    expect(inputs).toMatchObject({ method: "access-key", accessKey: "AKIAIOSFODNN7EXAMPLE", awsPath: "/leasehold/" });
    expect(inputs).not.toHaveProperty("secretAccessKey");
    await act(async () => answer(saved));
    expect(await screen.findByText("Dynamic secret “dev-admin-2” saved")).toBeTruthy();
  });

  it("maps the PATCH's data.… issues onto the form's fields", async () => {
    await openSecretForm(secretFixture(), {
      [stubKey(dynamicSecretRoutes.update, { name: "dev-admin" })]: badRequest([
        { path: ["data", "newName"], message: "A dynamic secret named taken exists here" },
        { path: ["data", "inputs", "awsPath"], message: "The path is outside what the key may manage" },
      ]),
    });
    typeInto(field("Secret name"), "taken");
    await submitForm("Save changes");
    await waitFor(() => expect(errorOf(field("Secret name"))).toBe("A dynamic secret named taken exists here"));
    expect(errorOf(field("IAM path"))).toBe("The path is outside what the key may manage");
  });
});
