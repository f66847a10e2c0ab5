import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { sessionRoutes } from "#client/core/routes/session.ts";
import { LoginForm } from "#web/features/auth/components/login-form.tsx";
import { forgetSession, getSession } from "#web/lib/session.ts";

const push = vi.fn();
vi.mock("@tanstack/react-router", () => ({ useRouter: () => ({ history: { push } }) }));

const session = {
  user: {
    id: "0b6f3f8e-8a7e-4c5e-9d1b-2f3a4b5c6d7e",
    email: "ada@example.test",
    name: "Ada",
    createdAt: "2026-12-01T10:00:00Z",
  },
  organization: { id: "1c7a4e9f-9b8f-4d6e-8e2c-3a4b5c6d7e8f", name: "Acme", createdAt: "2026-12-01T10:00:00Z" },
  orgRole: "member",
  csrfToken: "csrf-1",
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  forgetSession();
});
afterEach(() => {
  cleanup();
  fetchMock.mockReset();
  push.mockReset();
  vi.unstubAllGlobals();
});

async function submit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
  });
}

describe("LoginForm", () => {
  it("checks the fields with the shared schema before asking the server, and focuses the first in error", async () => {
    render(<LoginForm redirectTo={undefined} />);
    await submit("not-an-email", "");
    const email = screen.getByLabelText("Email");
    await waitFor(() => expect(screen.getByText("Enter a valid email address")).toBeDefined());
    expect(screen.getByText("Enter your password")).toBeDefined();
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(email);
    expect(fetchMock).not.toHaveBeenCalled();

    // Correcting a field takes its message away.
    fireEvent.change(email, { target: { value: "ada@example.test" } });
    expect(screen.queryByText("Enter a valid email address")).toBeNull();
  });

  it("signs in with the normalised email and goes where the person was going", async () => {
    fetchMock.mockResolvedValue(json(200, session));
    render(<LoginForm redirectTo="/projects?page=2" />);
    await submit("Ada@Example.test", "correct horse battery");
    await waitFor(() => expect(push).toHaveBeenCalledWith("/projects?page=2"));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(pathOf(sessionRoutes.login));
    expect(JSON.parse(String(init?.body))).toEqual({ email: "ada@example.test", password: "correct horse battery" });
    await expect(getSession()).resolves.toEqual(session);
  });

  it("shows the server's refusal above the button and empties the password", async () => {
    fetchMock.mockResolvedValue(
      json(401, { statusCode: 401, error: "Unauthorized", message: "Wrong email or password", requestId: "r-1" }),
    );
    render(<LoginForm redirectTo="https://evil.example/" />);
    await submit("ada@example.test", "wrong password");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Wrong email or password"));
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    expect(push).not.toHaveBeenCalled();
  });

  it("puts a server issue on its field", async () => {
    fetchMock.mockResolvedValue(
      json(400, {
        statusCode: 400,
        error: "Bad Request",
        message: "Invalid request",
        requestId: "r-2",
        issues: [{ path: ["email"], message: "This account is disabled" }],
      }),
    );
    render(<LoginForm redirectTo={undefined} />);
    await submit("ada@example.test", "whatever it is");
    await waitFor(() => expect(screen.getByText("This account is disabled")).toBeDefined());
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("locks Log in while the server checks the password, so a second press sends nothing", async () => {
    let answer = (_: Response) => {};
    fetchMock.mockImplementation(
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    );
    render(<LoginForm redirectTo={undefined} />);
    await submit("ada@example.test", "correct horse battery");
    const button = screen.getByRole("button", { name: "Log in" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    fireEvent.click(button);
    fireEvent.submit(button.closest("form")!);
    await act(async () => answer(json(200, session)));
    await waitFor(() => expect(push).toHaveBeenCalledWith("/projects"));
    expect(fetchMock.mock.calls.filter(([url]) => /\/auth\/login$/.test(String(url)))).toHaveLength(1);
  });
});
