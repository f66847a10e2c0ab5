import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { getSession } from "#web/lib/session.ts";
import { badRequest, errorOf, failure, renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { SetupForm } from "./setup-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SETUP = pathPattern(authRoutes.setup);
const PROJECT = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
const session = {
  user: {
    id: "0b6f3f8e-8a7e-4c5e-9d1b-2f3a4b5c6d7e",
    email: "ada@example.test",
    name: "Ada",
    createdAt: "2026-12-01T10:00:00Z",
  },
  organization: { id: "1c7a4e9f-9b8f-4d6e-8e2c-3a4b5c6d7e8f", name: "Acme", createdAt: "2026-12-01T10:00:00Z" },
  orgRole: "admin",
  csrfToken: "csrf-1",
};
const created = { body: { ...session, project: { id: PROJECT, name: "Payments", slug: "payments" } } };

async function renderForm(answer: Parameters<typeof stubApi>[0][string] = created) {
  const fetch = stubApi({ [stubKey(authRoutes.setup)]: answer });
  const { router } = renderInRouter(<SetupForm />, { path: "/setup" });
  await screen.findByRole("button", { name: "Create admin account" });
  return { fetch, router };
}

const field = {
  name: () => screen.getByRole("textbox", { name: "Your name" }),
  email: () => screen.getByRole("textbox", { name: "Email" }),
  password: () => screen.getByLabelText("Password"),
  confirm: () => screen.getByLabelText("Confirm password"),
  organization: () => screen.getByRole("textbox", { name: "Organization name" }) as HTMLInputElement,
  project: () => screen.getByRole("textbox", { name: "First project name" }) as HTMLInputElement,
};
const submit = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Create admin account" })));

function fillAccount() {
  typeInto(field.name(), "Ada");
  typeInto(field.email(), "Ada@Example.test");
  typeInto(field.password(), "correct horse battery");
  typeInto(field.confirm(), "correct horse battery");
}

describe("SetupForm", () => {
  it("starts with names for the workspace, and asks for the admin's account fields", async () => {
    const { fetch } = await renderForm();
    expect(field.organization().value).toBe("My organization");
    expect(field.project().value).toBe("My first project");
    expect(document.activeElement).toBe(field.name());
    typeInto(field.organization(), " ");
    typeInto(field.email(), "ada@");
    await submit();
    expect(errorOf(field.name())).toBe("Enter a name");
    expect(errorOf(field.email())).toBe("Enter a valid email address");
    expect(errorOf(field.password())).toBe("Use at least 12 characters");
    expect(screen.queryByText("At least 12 characters.")).toBeNull();
    expect(errorOf(field.confirm())).toBe("Repeat the password");
    expect(errorOf(field.organization())).toBe("Enter a name");
    expect(errorOf(field.project())).toBeNull();
    expect(fetch).not.toHaveBeenCalled();

    typeInto(field.organization(), "Acme");
    await waitFor(() => expect(errorOf(field.organization())).toBeNull());
  });

  it("creates the admin, the organization and the project in one request, then opens the project", async () => {
    const { fetch, router } = await renderForm();
    fillAccount();
    typeInto(field.organization(), "Acme");
    typeInto(field.project(), "Payments");
    await submit();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/projects/${PROJECT}`));
    expect(sent(fetch, "POST", SETUP).map((request) => request.body)).toEqual([
      {
        name: "Ada",
        email: "ada@example.test",
        password: "correct horse battery",
        organizationName: "Acme",
        projectName: "Payments",
      },
    ]);
    // The admin is signed in by the answer itself: no second round trip for the session.
    await expect(getSession()).resolves.toEqual(session);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("locks the button while the request runs", async () => {
    let answer = (_: { body: unknown }) => {};
    const { fetch } = await renderForm(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    fillAccount();
    await submit();
    const button = screen.getByRole("button", { name: "Create admin account" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    fireEvent.click(button);
    await act(async () => answer(created));
    expect(sent(fetch, "POST", SETUP)).toHaveLength(1);
  });

  it("puts the server's issues on their fields, and a refusal about none above the button", async () => {
    await renderForm(badRequest([{ path: ["projectName"], message: "A project name has at most 64 characters" }]));
    fillAccount();
    await submit();
    await waitFor(() => expect(errorOf(field.project())).toBe("A project name has at most 64 characters"));
    expect(document.activeElement).toBe(field.project());
    cleanup();

    await renderForm(failure(409, "Leasehold is already set up: sign in instead"));
    fillAccount();
    await submit();
    expect((await screen.findByRole("alert")).textContent).toContain("Leasehold is already set up");
  });
});
