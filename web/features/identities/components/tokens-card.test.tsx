import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import type { IdentityAccessToken } from "#shared/schemas/tokens.ts";
import { formatCompactDateTime } from "#web/lib/format.ts";
import { failure, renderInRouter, sent, settle, stubApi, writes } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { IDENTITY_ID } from "../identities.fixtures.ts";
import { TokensCard } from "./tokens-card.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const token: IdentityAccessToken = {
  id: "d4d4d4d4-4444-4444-8444-444444444444",
  identityId: IDENTITY_ID,
  authMethod: "aws-auth",
  status: "active",
  principalArn: "arn:aws:sts::123456789012:assumed-role/payments-lambda/i-0abc",
  sourceIp: "203.0.113.7",
  numUses: 3,
  numUsesLimit: 0,
  accessTokenTTL: 3600,
  accessTokenMaxTTL: 86400,
  createdAt: "2026-12-01T10:00:00.000Z",
  lastUsedAt: null,
  lastRenewedAt: null,
  expiresAt: "2026-12-01T11:00:00.000Z",
  maxExpiresAt: "2026-12-02T10:00:00.000Z",
  revokedAt: null,
  revokedReason: null,
};
const REVOKE = pathPattern(tokenRoutes.revokeForIdentity, { identityId: IDENTITY_ID, tokenId: token.id });

function renderCard(revoke: Parameters<typeof stubApi>[0][string]) {
  const fetch = stubApi({
    [stubKey(tokenRoutes.listForIdentity, { identityId: IDENTITY_ID })]: { body: { tokens: [token], totalCount: 1 } },
    [stubKey(tokenRoutes.revokeForIdentity, { identityId: IDENTITY_ID, tokenId: token.id })]: revoke,
  });
  renderInRouter(<TokensCard identityId={IDENTITY_ID} canManage />, { toaster: true });
  return fetch;
}

const revokeButton = () =>
  screen.findByRole("button", { name: `Revoke the token created ${formatCompactDateTime(token.createdAt)}` });

describe("TokensCard: revoking a token", () => {
  it("asks first, naming the token by when it was created; Cancel sends nothing and returns focus", async () => {
    const fetch = renderCard({ body: { token: { ...token, status: "revoked" } } });
    const revoke = await revokeButton();
    act(() => revoke.focus());
    fireEvent.click(revoke);
    const dialog = await screen.findByRole("alertdialog", { name: "Revoke this token?" });
    expect(dialog.textContent).toContain("gets a 401");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(document.activeElement).toBe(revoke);
    expect(writes(fetch)).toHaveLength(0);
  });

  it("revokes it on confirmation, and shows the server's refusal otherwise", async () => {
    const fetch = renderCard({ body: { token: { ...token, status: "revoked" } } });
    fireEvent.click(await revokeButton());
    const dialog = await screen.findByRole("alertdialog", { name: "Revoke this token?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    expect(await screen.findByText("Token revoked")).toBeTruthy();
    expect(sent(fetch, "POST", REVOKE)).toHaveLength(1);
    cleanup();

    renderCard(failure(403, "Only organization admins can revoke tokens"));
    fireEvent.click(await revokeButton());
    const again = await screen.findByRole("alertdialog", { name: "Revoke this token?" });
    fireEvent.click(within(again).getByRole("button", { name: "Revoke token" }));
    expect(await screen.findByText("Only organization admins can revoke tokens")).toBeTruthy();
    expect(screen.getByRole("alertdialog")).toBeTruthy();
  });
});
