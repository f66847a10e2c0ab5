import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { identityRoutes } from "#client/core/routes/identities.ts";
import type { Identity } from "#shared/schemas/identities.ts";
import { Button } from "#web/components/ui/button.tsx";
import { badRequest, errorOf, failure, renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { IDENTITY_ID, identityFixture, ORG_ID } from "../identities.fixtures.ts";
import { IdentityBasicsForm } from "./identity-basics-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function renderForm(identity: Identity | null, answer: Parameters<typeof stubApi>[0][string]) {
  const fetch = stubApi({
    [stubKey(identityRoutes.create)]: answer,
    [stubKey(identityRoutes.update, { identityId: IDENTITY_ID })]: answer,
  });
  const onSaved = vi.fn();
  renderInRouter(
    <IdentityBasicsForm
      orgId={ORG_ID}
      identity={identity}
      onSaved={onSaved}
      actions={({ pending }) => (
        <Button type="submit" pending={pending}>
          Continue
        </Button>
      )}
    />,
  );
  await screen.findByRole("form", { name: "Identity name and role" });
  return { fetch, onSaved };
}

const name = () => screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement;
const role = (label: "Member" | "Admin") =>
  screen.getByRole("radio", { name: new RegExp(`^${label}`) }) as HTMLInputElement;
const submit = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Continue" })));

describe("IdentityBasicsForm", () => {
  it("asks for a name, starts as a Member, and checks the name when the field is left", async () => {
    const { fetch } = await renderForm(null, { body: { identity: identityFixture() } });
    expect(role("Member").checked).toBe(true);
    await submit();
    expect(errorOf(name())).toBe("Enter a name");
    expect(document.activeElement).toBe(name());
    expect(fetch).not.toHaveBeenCalled();
    typeInto(name(), "x".repeat(129));
    fireEvent.blur(name());
    await waitFor(() => expect(errorOf(name())).toBe("A name has at most 128 characters"));
    typeInto(name(), "payments-lambda");
    await waitFor(() => expect(errorOf(name())).toBeNull());
  });

  it("creates the identity in the organization with the chosen role, locked while it is sent", async () => {
    let answer = (_: { body: unknown }) => {};
    const { fetch, onSaved } = await renderForm(
      null,
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    typeInto(name(), "  payments-lambda ");
    fireEvent.click(role("Admin"));
    await submit();
    const button = screen.getByRole("button", { name: "Continue" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(sent(fetch, "POST", pathPattern(identityRoutes.create)).map((request) => request.body)).toEqual([
      { name: "payments-lambda", role: "admin", organizationId: ORG_ID },
    ]);
    const created = identityFixture({ role: "admin" });
    await act(async () => answer({ body: { identity: created } }));
    expect(onSaved).toHaveBeenCalledWith(created);
  });

  it("renames an existing identity with a PATCH, starting from its values", async () => {
    const { fetch, onSaved } = await renderForm(identityFixture({ role: "admin" }), {
      body: { identity: identityFixture({ name: "payments-fn" }) },
    });
    expect(name().value).toBe("payments-lambda");
    expect(role("Admin").checked).toBe(true);
    typeInto(name(), "payments-fn");
    await submit();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent(fetch, "PATCH", new RegExp(`/identities/${IDENTITY_ID}$`))[0]!.body).toEqual({
      name: "payments-fn",
      role: "admin",
    });
    expect(sent(fetch, "POST", /./)).toHaveLength(0);
  });

  it("puts the server's issue on the name, and a refusal about no field above the buttons", async () => {
    await renderForm(null, badRequest([{ path: ["name"], message: "An identity named payments-lambda exists" }]));
    typeInto(name(), "payments-lambda");
    await submit();
    await waitFor(() => expect(errorOf(name())).toBe("An identity named payments-lambda exists"));
    cleanup();

    await renderForm(null, failure(403, "Only organization admins can create identities"));
    typeInto(name(), "payments-lambda");
    await submit();
    expect((await screen.findByRole("alert")).textContent).toContain("Only organization admins can create identities");
  });
});
