import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import type { AppConnection } from "#shared/schemas/app-connections.ts";
import {
  badRequest,
  errorOf,
  failure,
  renderInRouter,
  sent,
  settle,
  stubApi,
  typeInto,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { accessKeyConnectionFixture, connectionFixture, ROLE_ARN } from "../app-connections.fixtures.ts";
import { EditConnectionDialog } from "./edit-connection-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PATCH = pathPattern(appConnectionRoutes.update, { connectionId: "a1a1a1a1-1111-4111-8111-111111111111" });

function renderDialog(connection: AppConnection, answer?: Parameters<typeof stubApi>[0][string]) {
  const fetch = stubApi({
    [stubKey(appConnectionRoutes.update, { connectionId: connection.id })]: answer ?? {
      body: { appConnection: connection },
    },
  });
  renderInRouter(<EditConnectionDialog connection={connection} />, { toaster: true });
  return fetch;
}

async function open(name: string) {
  const trigger = await screen.findByRole("button", { name: `Edit ${name}` });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", { name: `Edit ${name}` });
  return { trigger, dialog };
}

const nameField = (dialog: HTMLElement) =>
  within(dialog).getByRole("textbox", { name: "Connection name" }) as HTMLInputElement;
const save = (dialog: HTMLElement, label = "Save") =>
  act(async () => fireEvent.click(within(dialog).getByRole("button", { name: label })));

describe("EditConnectionDialog", () => {
  it("opens filled in; Cancel sends nothing, forgets the edit and gives focus back to Edit", async () => {
    const fetch = renderDialog(connectionFixture({ description: "Production" }));
    const { trigger, dialog } = await open("prod-aws");
    expect(nameField(dialog).value).toBe("prod-aws");
    expect((within(dialog).getByRole("textbox", { name: "Description (optional)" }) as HTMLTextAreaElement).value).toBe(
      "Production",
    );
    // The role's fields show only when the credentials are being replaced.
    expect(within(dialog).queryByRole("textbox", { name: "Role ARN" })).toBeNull();
    typeInto(nameField(dialog), "renamed");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(writes(fetch)).toHaveLength(0);
    const again = await open("prod-aws");
    expect(nameField(again.dialog).value).toBe("prod-aws");
  });

  it("checks the name with the shared rule, and saves a rename without credentials", async () => {
    const fetch = renderDialog(connectionFixture());
    const { trigger, dialog } = await open("prod-aws");
    typeInto(nameField(dialog), "Prod!");
    await save(dialog);
    expect(errorOf(nameField(dialog))).toBe("Use lowercase letters, digits and single hyphens, e.g. prod-aws");
    expect(writes(fetch)).toHaveLength(0);

    typeInto(nameField(dialog), "prod-main");
    await waitFor(() => expect(errorOf(nameField(dialog))).toBeNull());
    await save(dialog);
    expect(await screen.findByText("prod-main saved")).toBeTruthy();
    expect(sent(fetch, "PATCH", PATCH).map((request) => request.body)).toEqual([
      { name: "prod-main", description: "" },
    ]);
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it("replacing a role: the ARN rule applies, and the new role goes with the patch", async () => {
    const fetch = renderDialog(connectionFixture());
    const { dialog } = await open("prod-aws");
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Replace the credentials" }));
    const roleArn = (await within(dialog).findByRole("textbox", { name: "Role ARN" })) as HTMLInputElement;
    expect(roleArn.value).toBe(ROLE_ARN);
    typeInto(roleArn, "not-an-arn");
    await save(dialog, "Check and save");
    expect(errorOf(roleArn)).toBe("Enter the ARN of an IAM role, such as arn:aws:iam::123456789012:role/leasehold");
    expect(writes(fetch)).toHaveLength(0);

    typeInto(roleArn, "arn:aws:iam::123456789012:role/other");
    await save(dialog, "Check and save");
    expect(await screen.findByText("prod-aws: new credentials checked with AWS and saved")).toBeTruthy();
    expect(sent(fetch, "PATCH", PATCH)[0]!.body).toEqual({
      name: "prod-aws",
      description: "",
      credentials: { roleArn: "arn:aws:iam::123456789012:role/other", stsEndpoint: "" },
    });
  });

  it("replacing a key asks for both halves of it; AWS's refusal lands on its field, with Save unlocked", async () => {
    const connection = accessKeyConnectionFixture({ id: "a1a1a1a1-1111-4111-8111-111111111111" });
    let answer = (_: { status?: number; body: unknown }) => {};
    const fetch = renderDialog(
      connection,
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    const { dialog } = await open("ci-keys");
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Replace the credentials" }));
    const keyId = within(dialog).getByRole("textbox", { name: "Access key ID" });
    const secret = within(dialog).getByLabelText("Secret access key");
    typeInto(keyId, "");
    await save(dialog, "Check and save");
    expect(errorOf(keyId)).toBe("Enter the access key ID");
    expect(errorOf(secret)).toBe("Enter the secret access key");

    typeInto(keyId, "AKIAIOSFODNN7EXAMPLE");
    typeInto(secret, "wJalrXUtnFEMI/K7MDENG");
    await save(dialog, "Check and save");
    const button = within(dialog).getByRole("button", { name: "Check and save" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(sent(fetch, "PATCH", PATCH)[0]!.body).toMatchObject({
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG" },
    });
    await act(async () =>
      answer(badRequest([{ path: ["credentials", "secretAccessKey"], message: "AWS refused this key pair" }])),
    );
    await waitFor(() => expect(errorOf(secret)).toBe("AWS refused this key pair"));
    expect(button.disabled).toBe(false);
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("after new credentials are saved, reopening shows none of them: the secret key left with the form", async () => {
    const connection = accessKeyConnectionFixture({ id: "a1a1a1a1-1111-4111-8111-111111111111" });
    renderDialog(connection);
    const { dialog } = await open("ci-keys");
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Replace the credentials" }));
    typeInto(within(dialog).getByRole("textbox", { name: "Access key ID" }), "AKIAI44QH8DHBEXAMPLE");
    typeInto(within(dialog).getByLabelText("Secret access key"), "je7MtGbClwBF/2Zp9Utk");
    await save(dialog, "Check and save");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await settle();

    const again = await open("ci-keys");
    const replace = within(again.dialog).getByRole("checkbox", { name: "Replace the credentials" }) as HTMLInputElement;
    expect(replace.checked).toBe(false);
    fireEvent.click(replace);
    expect((within(again.dialog).getByLabelText("Secret access key") as HTMLInputElement).value).toBe("");
  });

  it("shows a refusal about no field inside the dialog and stays open", async () => {
    renderDialog(connectionFixture(), failure(409, "A connection named prod-main exists in this scope"));
    const { dialog } = await open("prod-aws");
    typeInto(nameField(dialog), "prod-main");
    await save(dialog);
    expect((await within(dialog).findByRole("alert")).textContent).toContain(
      "A connection named prod-main exists in this scope",
    );
  });
});
