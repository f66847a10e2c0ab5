import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Suspense } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import type { IdentityAwsAuth } from "#shared/schemas/aws-auth.ts";
import type { Identity } from "#shared/schemas/identities.ts";
import { renderInRouter, sent, settle, stubApi, writes } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { awsAuthFixture, IDENTITY_ID, identityFixture } from "../identities.fixtures.ts";
import { AwsAuthCard } from "./aws-auth-card.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ID = { identityId: IDENTITY_ID };
const BOUND = "arn:aws:iam::123456789012:role/payments-lambda";
const UNBOUND = "arn:aws:iam::123456789012:user/build/ci-runner";
const WILDCARD = "arn:aws:iam::123456789012:role/ci-*";
const config = awsAuthFixture({
  allowedPrincipalArns: [BOUND, UNBOUND, WILDCARD].join(","),
  principalBindings: [
    { principalArn: BOUND, status: "bound", how: "iam", uniqueId: "AROAEXAMPLEUNIQUEID01", boundAt: null },
    { principalArn: UNBOUND, status: "unbound", how: null, uniqueId: null, boundAt: null },
    { principalArn: WILDCARD, status: "unbindable", how: null, uniqueId: null, boundAt: null },
  ],
});

async function renderCard(
  { identity = identityFixture(), existing = config, canManage = true } = {} as {
    identity?: Identity;
    existing?: IdentityAwsAuth;
    canManage?: boolean;
  },
) {
  const fetch = stubApi({
    [stubKey(awsAuthRoutes.get, ID)]: { body: { identityAwsAuth: existing } },
    [stubKey(awsAuthRoutes.attach, ID)]: { body: { identityAwsAuth: existing } },
    [stubKey(awsAuthRoutes.update, ID)]: { body: { identityAwsAuth: existing } },
    [stubKey(awsAuthRoutes.detach, ID)]: { body: { identityAwsAuth: existing } },
    [stubKey(awsAuthRoutes.rebind, ID)]: { body: { identityAwsAuth: existing } },
  });
  renderInRouter(
    <Suspense fallback={<p>Loading</p>}>
      <AwsAuthCard identity={identity} canManage={canManage} />
    </Suspense>,
    { toaster: true },
  );
  return fetch;
}

/** The allowed entries as read aloud: each ARN with what its binding says. */
async function entries() {
  const term = await screen.findByText("Allowed principal ARNs", { selector: "dt" });
  return within(term.nextElementSibling as HTMLElement).getAllByRole("listitem");
}

describe("AwsAuthCard", () => {
  it("says of each allowed entry whether it is bound, binds at first login, or cannot be bound", async () => {
    await renderCard();
    const [bound, unbound, wildcard] = await entries();
    expect(bound!.textContent).toContain(BOUND);
    expect(bound!.textContent).toContain("Bound");
    expect(bound!.textContent).toContain("to AROAEXAMPLEUNIQUEID01, resolved with IAM");
    expect(unbound!.textContent).toContain("Binds at its first login");
    expect(wildcard!.textContent).toContain("Wildcard: cannot be bound");
    // Only a bound entry can be re-bound.
    expect(within(bound!).getByRole("button", { name: `Re-bind ${BOUND}` })).toBeTruthy();
    expect(within(unbound!).queryByRole("button")).toBeNull();
    expect(within(wildcard!).queryByRole("button")).toBeNull();
  });

  it("re-binds only after a confirmation that says what changes, with the entry's ARN", async () => {
    const fetch = await renderCard();
    const [bound] = await entries();
    const rebind = within(bound!).getByRole("button", { name: `Re-bind ${BOUND}` });
    act(() => rebind.focus());
    fireEvent.click(rebind);
    let dialog = await screen.findByRole("alertdialog", { name: "Re-bind this principal?" });
    expect(dialog.textContent).toContain("the one it was bound to (AROAEXAMPLEUNIQUEID01) no longer may");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(document.activeElement).toBe(rebind);
    expect(writes(fetch)).toHaveLength(0);

    fireEvent.click(rebind);
    dialog = await screen.findByRole("alertdialog", { name: "Re-bind this principal?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Re-bind" }));
    expect(await screen.findByText("Principal re-bound")).toBeTruthy();
    expect(sent(fetch, "POST", /\/principal-bindings\/rebind$/).map((request) => request.body)).toEqual([
      { principalArn: BOUND },
    ]);
  });

  it("offers no Edit, Detach or Re-bind to someone who cannot manage identities", async () => {
    await renderCard({ canManage: false });
    await entries();
    for (const name of [/Edit/, /Detach/, /Re-bind/]) expect(screen.queryByRole("button", { name })).toBeNull();
  });

  it("edits in a dialog that starts from the saved rules and closes on save", async () => {
    const fetch = await renderCard();
    const edit = await screen.findByRole("button", { name: "Edit AWS Auth" });
    act(() => edit.focus());
    fireEvent.click(edit);
    const dialog = await screen.findByRole("dialog", { name: "Edit AWS Auth" });
    expect((within(dialog).getByRole("textbox", { name: "Allowed principal ARNs" }) as HTMLInputElement).value).toBe(
      [BOUND, UNBOUND, WILDCARD].join("\n"),
    );
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Save AWS Auth" })));
    expect(await screen.findByText("AWS Auth saved")).toBeTruthy();
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(edit);
    expect(sent(fetch, "PATCH", pathPattern(awsAuthRoutes.update, ID))).toHaveLength(1);
  });

  it("detaches after a confirmation that its tokens stop working", async () => {
    const fetch = await renderCard();
    fireEvent.click(await screen.findByRole("button", { name: "Detach" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Detach AWS Auth?" });
    expect(dialog.textContent).toContain("Every token payments-lambda got through AWS Auth stops working at once");
    fireEvent.click(within(dialog).getByRole("button", { name: "Detach and revoke tokens" }));
    expect(await screen.findByText("AWS Auth detached; its tokens are revoked")).toBeTruthy();
    expect(sent(fetch, "DELETE", pathPattern(awsAuthRoutes.detach, ID))).toHaveLength(1);
  });

  it("without AWS Auth, says the identity cannot log in and sets it up in a dialog", async () => {
    const fetch = await renderCard({ identity: identityFixture({ authMethods: [] }) });
    expect(await screen.findByText("No AWS Auth")).toBeTruthy();
    // Nothing to read: no request for a configuration that does not exist.
    expect(sent(fetch, "GET", /aws-auth/)).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Set up AWS Auth" }));
    const dialog = await screen.findByRole("dialog", { name: "Set up AWS Auth" });
    expect((within(dialog).getByRole("textbox", { name: "Allowed principal ARNs" }) as HTMLInputElement).value).toBe(
      "",
    );
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Save AWS Auth" })));
    await waitFor(() => expect(within(dialog).getByText("Choose which client will log in")).toBeTruthy());
    expect(writes(fetch)).toHaveLength(0);
  });
});
