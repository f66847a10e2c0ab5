import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import type { Lease } from "#shared/schemas/leases.ts";
import {
  failure,
  renderInRouter,
  sent,
  settle,
  stubApi,
  stubResizeObserver,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { LOCATION, leaseFixture, secretFixture } from "../dynamic-secrets.fixtures.tsx";
import { LeaseActions } from "./lease-actions.tsx";

beforeEach(stubResizeObserver);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const secret = secretFixture();
const REVOKE = pathPattern(leaseRoutes.revoke, { leaseId: "1ea5e000-1111-4111-8111-111111111111" });

function renderActions(lease: Lease, answer: Parameters<typeof stubApi>[0][string], canForce = true) {
  const fetch = stubApi({ [stubKey(leaseRoutes.revoke, { leaseId: lease.id })]: answer });
  renderInRouter(
    <LeaseActions lease={lease} secret={secret} location={LOCATION} permissions={{ canManage: true, canForce }} />,
    { toaster: true },
  );
  return fetch;
}

describe("LeaseActions", () => {
  it("revokes an active lease only after saying what it deletes; Cancel sends nothing", async () => {
    const lease = leaseFixture();
    const fetch = renderActions(lease, { body: { lease: { ...lease, status: "revoked" } } });
    const revoke = await screen.findByRole("button", { name: "Revoke lease leasehold-ab12cd" });
    act(() => revoke.focus());
    fireEvent.click(revoke);
    let dialog = await screen.findByRole("alertdialog", { name: "Revoke lease leasehold-ab12cd?" });
    expect(dialog.textContent).toContain("Leasehold deletes the IAM user leasehold-ab12cd");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(document.activeElement).toBe(revoke);
    expect(writes(fetch)).toHaveLength(0);

    fireEvent.click(revoke);
    dialog = await screen.findByRole("alertdialog", { name: "Revoke lease leasehold-ab12cd?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke lease" }));
    expect(await screen.findByText("Lease revoked")).toBeTruthy();
    expect(sent(fetch, "DELETE", REVOKE).map((request) => request.body)).toEqual([{ ...LOCATION, isForced: false }]);
  });

  it("keeps the dialog and says why when AWS refuses", async () => {
    const lease = leaseFixture();
    renderActions(lease, failure(502, "AWS refused iam:DeleteUser: AccessDenied"));
    fireEvent.click(await screen.findByRole("button", { name: "Revoke lease leasehold-ab12cd" }));
    const dialog = await screen.findByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke lease" }));
    expect(await screen.findByText("AWS refused iam:DeleteUser: AccessDenied")).toBeTruthy();
    expect(screen.getByRole("alertdialog")).toBeTruthy();
  });

  it("a failing revocation offers Retry now and, to whom may, a forced revoke that says its risk", async () => {
    const lease = leaseFixture({ status: "revoke_failed", lastError: "AccessDenied on iam:DeleteUser" });
    const fetch = renderActions(lease, {
      body: { lease: { ...lease, status: "revoked", statusDetails: "Forced: AWS cleanup not confirmed" } },
    });
    expect(await screen.findByRole("button", { name: "Retry revoking lease leasehold-ab12cd" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Renew/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Force revoke lease leasehold-ab12cd" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Force revoke leasehold-ab12cd?" });
    expect(dialog.textContent).toContain("Leasehold could not delete this IAM user (AccessDenied on iam:DeleteUser)");
    expect(dialog.textContent).toContain("without confirmation");
    fireEvent.click(within(dialog).getByRole("button", { name: "Force revoke" }));
    expect(await screen.findByText("Lease force-revoked")).toBeTruthy();
    await waitFor(() => expect(sent(fetch, "DELETE", REVOKE)).toHaveLength(1));
    expect(sent(fetch, "DELETE", REVOKE)[0]!.body).toEqual({ ...LOCATION, isForced: true });
    cleanup();

    renderActions(lease, { body: { lease } }, false);
    expect(await screen.findByRole("button", { name: "Retry revoking lease leasehold-ab12cd" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Force revoke/ })).toBeNull();
  });
});
