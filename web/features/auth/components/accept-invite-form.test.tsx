import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { badRequest, errorOf, failure, renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { AcceptInviteForm } from "./accept-invite-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const TOKEN = "invite-token-0123456789abcdef";
const ACCEPT = pathPattern(authRoutes.acceptInvite);
const session = {
  user: {
    id: "0b6f3f8e-8a7e-4c5e-9d1b-2f3a4b5c6d7e",
    email: "dee@example.test",
    name: "Dee",
    createdAt: "2026-12-01T10:00:00Z",
  },
  organization: { id: "1c7a4e9f-9b8f-4d6e-8e2c-3a4b5c6d7e8f", name: "Acme", createdAt: "2026-12-01T10:00:00Z" },
  orgRole: "member",
  csrfToken: "csrf-1",
};

async function renderForm(answer: Parameters<typeof stubApi>[0][string] = { body: session }) {
  const fetch = stubApi({ [stubKey(authRoutes.acceptInvite)]: answer });
  const { router } = renderInRouter(<AcceptInviteForm token={TOKEN} />, { path: "/accept-invite" });
  await screen.findByRole("button", { name: "Set password and sign in" });
  return { fetch, router };
}

const field = {
  name: () => screen.getByRole("textbox", { name: "Your name" }),
  password: () => screen.getByLabelText("Password"),
  confirm: () => screen.getByLabelText("Confirm password"),
};
const submit = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Set password and sign in" })));
/** What a screen reader reads after the password's label: its hint, or its error instead. */
const passwordHelp = () =>
  (field.password().getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent);

describe("AcceptInviteForm", () => {
  it("asks for a name, a password and its confirmation, and sends nothing until they are there", async () => {
    const { fetch } = await renderForm();
    await submit();
    expect(errorOf(field.name())).toBe("Enter a name");
    expect(errorOf(field.password())).toBe("Use at least 12 characters");
    expect(errorOf(field.confirm())).toBe("Repeat the password");
    expect(document.activeElement).toBe(field.name());
    expect(fetch).not.toHaveBeenCalled();
  });

  it("says the password rule once: the error takes the hint's place, and the hint returns when it is met", async () => {
    await renderForm();
    expect(passwordHelp()).toEqual(["At least 12 characters."]);
    typeInto(field.password(), "short");
    await submit();
    expect(passwordHelp()).toEqual(["Use at least 12 characters"]);
    expect(screen.queryByText("At least 12 characters.")).toBeNull();

    typeInto(field.password(), "long enough password");
    await waitFor(() => expect(passwordHelp()).toEqual(["At least 12 characters."]));
    expect(field.password().getAttribute("aria-invalid")).toBeNull();
  });

  it("refuses a confirmation that differs, on the confirmation field", async () => {
    const { fetch } = await renderForm();
    typeInto(field.name(), "Dee");
    typeInto(field.password(), "correct horse battery");
    typeInto(field.confirm(), "correct horse batterY");
    await submit();
    expect(errorOf(field.confirm())).toBe("The passwords do not match");
    expect(errorOf(field.password())).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    typeInto(field.confirm(), "correct horse battery");
    await waitFor(() => expect(errorOf(field.confirm())).toBeNull());
  });

  it("sends the link's token, the name and the password (not the confirmation), then opens the projects", async () => {
    let answer = (_: { body: unknown }) => {};
    const { fetch, router } = await renderForm(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    typeInto(field.name(), "  Dee  ");
    typeInto(field.password(), "correct horse battery");
    typeInto(field.confirm(), "correct horse battery");
    await submit();
    const button = screen.getByRole("button", { name: "Set password and sign in" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(sent(fetch, "POST", ACCEPT).map((request) => request.body)).toEqual([
      { name: "Dee", password: "correct horse battery", token: TOKEN },
    ]);
    await act(async () => answer({ body: session }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/projects"));
  });

  it("puts the server's issue on its field, and a refusal of the link above the button", async () => {
    await renderForm(badRequest([{ path: ["password"], message: "This password appears in known breaches" }]));
    typeInto(field.name(), "Dee");
    typeInto(field.password(), "password1234");
    typeInto(field.confirm(), "password1234");
    await submit();
    await waitFor(() => expect(errorOf(field.password())).toBe("This password appears in known breaches"));
    expect(document.activeElement).toBe(field.password());
    cleanup();

    await renderForm(failure(400, "This invite link has expired: ask an admin for a new one"));
    typeInto(field.name(), "Dee");
    typeInto(field.password(), "correct horse battery");
    typeInto(field.confirm(), "correct horse battery");
    await submit();
    expect((await screen.findByRole("alert")).textContent).toContain("This invite link has expired");
  });
});
