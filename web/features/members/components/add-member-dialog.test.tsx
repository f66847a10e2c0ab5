import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberRoutes } from "#client/core/routes/members.ts";
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
import { AddMemberDialog } from "./add-member-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const ADD = pathPattern(memberRoutes.add, { orgId: ORG });
const LINK = "https://leasehold.example/accept-invite?token=0123456789abcdef0123456789abcdef";
const added = {
  body: {
    member: {
      id: "22222222-2222-4222-8222-222222222222",
      userId: "33333333-3333-4333-8333-333333333333",
      email: "dee@example.test",
      name: "",
      role: "admin",
      status: "invited",
      createdAt: "2026-12-01T10:00:00.000Z",
    },
    setupLink: LINK,
    setupLinkExpiresAt: "2026-12-08T10:00:00.000Z",
  },
};

async function openDialog(answer: Parameters<typeof stubApi>[0][string] = added) {
  const fetch = stubApi({ [stubKey(memberRoutes.add, { orgId: ORG })]: answer });
  renderInRouter(<AddMemberDialog orgId={ORG} />, { toaster: true });
  const trigger = await screen.findByRole("button", { name: "Add member" });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", { name: "Add a member" });
  return { fetch, trigger, dialog };
}

const email = (dialog: HTMLElement) => within(dialog).getByRole("textbox", { name: "Email" }) as HTMLInputElement;
const role = (dialog: HTMLElement) =>
  within(dialog).getByRole("combobox", { name: "Organization role" }) as HTMLSelectElement;
const submit = (dialog: HTMLElement) =>
  act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Add member" })));

describe("AddMemberDialog", () => {
  it("opens on an empty form (a Member by default); Escape sends nothing and returns focus", async () => {
    const { fetch, trigger, dialog } = await openDialog();
    expect(email(dialog).value).toBe("");
    expect(role(dialog).value).toBe("member");
    typeInto(email(dialog), "dee@example.test");
    fireEvent.keyDown(document.activeElement ?? dialog, { key: "Escape" });
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(writes(fetch)).toHaveLength(0);
    fireEvent.click(trigger);
    expect(email(await screen.findByRole("dialog", { name: "Add a member" })).value).toBe("");
  });

  it("needs a valid email, and says so until it is one", async () => {
    const { fetch, dialog } = await openDialog();
    await submit(dialog);
    expect(errorOf(email(dialog))).toBe("Enter a valid email address");
    typeInto(email(dialog), "dee@");
    expect(errorOf(email(dialog))).toBe("Enter a valid email address");
    typeInto(email(dialog), "dee@example.test");
    await waitFor(() => expect(errorOf(email(dialog))).toBeNull());
    expect(writes(fetch)).toHaveLength(0);
  });

  it("adds the member and shows the setup link once; a click outside keeps it, Done forgets it", async () => {
    const { fetch, trigger, dialog } = await openDialog();
    typeInto(email(dialog), "Dee@Example.test");
    fireEvent.change(role(dialog), { target: { value: "admin" } });
    await submit(dialog);
    const done = await screen.findByRole("dialog", { name: "dee@example.test was added" });
    expect(sent(fetch, "POST", ADD).map((request) => request.body)).toEqual([
      { email: "dee@example.test", role: "admin" },
    ]);
    expect((within(done).getByRole("textbox", { name: "Setup link" }) as HTMLInputElement).value).toBe(LINK);
    expect(within(done).getByRole("note").textContent).toContain("Copy this link now. It will not be shown again.");
    expect(within(done).getByRole("button", { name: "Copy setup link" })).toBeTruthy();

    fireEvent.pointerDown(document.body);
    await settle();
    expect(screen.getByRole("dialog", { name: "dee@example.test was added" })).toBeTruthy();
    fireEvent.click(within(done).getByRole("button", { name: "Done" }));
    await settle();
    expect(document.activeElement).toBe(trigger);
    fireEvent.click(trigger);
    const again = await screen.findByRole("dialog", { name: "Add a member" });
    expect(email(again).value).toBe("");
    expect(screen.queryByText(LINK)).toBeNull();
  });

  it("locks Add member while the request runs", async () => {
    let answer = (_: { body: unknown }) => {};
    const { fetch, dialog } = await openDialog(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    typeInto(email(dialog), "dee@example.test");
    await submit(dialog);
    const button = within(dialog).getByRole("button", { name: "Add member" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    fireEvent.click(button);
    await act(async () => answer(added));
    expect(sent(fetch, "POST", ADD)).toHaveLength(1);
  });

  it("puts the server's issue on the email, and shows any other refusal as a message", async () => {
    const first = await openDialog(badRequest([{ path: ["email"], message: "dee@example.test is already a member" }]));
    typeInto(email(first.dialog), "dee@example.test");
    await submit(first.dialog);
    await waitFor(() => expect(errorOf(email(first.dialog))).toBe("dee@example.test is already a member"));
    cleanup();

    const second = await openDialog(failure(403, "Only organization admins can add members"));
    typeInto(email(second.dialog), "dee@example.test");
    await submit(second.dialog);
    expect(await screen.findByText("Only organization admins can add members")).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "Add a member" })).toBeTruthy();
  });
});
