import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import type { DynamicSecret } from "#shared/schemas/dynamic-secrets.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  badRequest,
  errorOf,
  renderInRouter,
  sent,
  settle,
  stubApi,
  stubResizeObserver,
  typeInto,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { LOCATION, leaseFixture, secretFixture } from "../dynamic-secrets.fixtures.tsx";
import { GenerateLeaseFlow } from "./generate-lease-flow.tsx";
import { LeaseActions } from "./lease-actions.tsx";

beforeEach(stubResizeObserver);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LEASES = pathPattern(leaseRoutes.create);
const secret = secretFixture({ defaultTTL: "1h", maxTTL: "4h" });
const issued = {
  lease: leaseFixture(),
  dynamicSecret: secret,
  data: { ACCESS_KEY: "AKIAEXAMPLEKEY000001", SECRET_ACCESS_KEY: "s3cr3t/EXAMPLE", USERNAME: "leasehold-ab12cd" },
};

/** The Secrets page opens the flow by state, from a Generate button. */
function Page({ of }: { of: DynamicSecret }) {
  const [generating, setGenerating] = useState<DynamicSecret | null>(null);
  return (
    <>
      <Button onClick={() => setGenerating(of)}>Generate</Button>
      <GenerateLeaseFlow location={LOCATION} secret={generating} onClose={() => setGenerating(null)} />
    </>
  );
}

async function openGenerate(answer: Parameters<typeof stubApi>[0][string] = { body: issued }) {
  const fetch = stubApi({ [stubKey(leaseRoutes.create)]: answer });
  renderInRouter(<Page of={secret} />);
  const trigger = await screen.findByRole("button", { name: "Generate" });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", { name: "Generate AWS credentials from “dev-admin”" });
  const ttl = (await within(dialog).findByRole("textbox", { name: "TTL" })) as HTMLInputElement;
  return { fetch, trigger, dialog, ttl };
}

describe("TtlDialog, generating a lease", () => {
  it("starts from the default TTL and says the limits; Cancel asks for nothing and focus goes back", async () => {
    const { fetch, trigger, dialog, ttl } = await openGenerate();
    expect(ttl.value).toBe("1h");
    await waitFor(() => expect(document.activeElement).toBe(ttl));
    expect(dialog.textContent).toContain("Default TTL 1h, max TTL 4h. Use 30m, 1h, 7d…");
    expect(dialog.textContent).toContain("Leasehold creates an IAM user now");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(writes(fetch)).toHaveLength(0);
  });

  it("checks the TTL: a duration, at least a minute, at most the secret's max TTL", async () => {
    const { fetch, dialog, ttl } = await openGenerate();
    const generate = () => act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Generate" })));
    for (const [value, message] of [
      ["soon", 'Enter a duration such as "30m", "1h" or "7d" (a bare number means seconds)'],
      ["30s", "A TTL is at least 1 minute: IAM needs a few seconds before new keys work"],
      ["5h", "The TTL is at most 4h, this secret's max TTL"],
    ]) {
      typeInto(ttl, value!);
      await generate();
      await waitFor(() => expect(errorOf(ttl)).toBe(message));
    }
    expect(writes(fetch)).toHaveLength(0);
    typeInto(ttl, "4h");
    await waitFor(() => expect(errorOf(ttl)).toBeNull());
  });

  it("creates the lease with the TTL, then shows the credentials in the dialog that replaces it", async () => {
    const { fetch, dialog, ttl } = await openGenerate();
    typeInto(ttl, "2h");
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Generate" })));
    expect(await screen.findByRole("dialog", { name: "AWS credentials for “dev-admin”" })).toBeTruthy();
    expect(screen.queryByRole("dialog", { name: /^Generate/ })).toBeNull();
    expect(sent(fetch, "POST", LEASES).map((request) => request.body)).toEqual([
      { ...LOCATION, dynamicSecretName: "dev-admin", ttl: "2h" },
    ]);
  });

  it("puts the server's refusal of the TTL on the field and stays open", async () => {
    const { dialog, ttl } = await openGenerate(badRequest([{ path: ["ttl"], message: "The TTL is over the quota" }]));
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Generate" })));
    await waitFor(() => expect(errorOf(ttl)).toBe("The TTL is over the quota"));
    expect(screen.getByRole("dialog", { name: /^Generate/ })).toBeTruthy();
  });
});

describe("TtlDialog, renewing a lease", () => {
  const lease = leaseFixture({ createdAt: "2026-12-01T10:00:00.000Z", expireAt: "2026-12-01T12:00:00.000Z" });

  it("allows only what the max TTL leaves, and renews with the TTL", async () => {
    const fetch = stubApi({ [stubKey(leaseRoutes.renew, { leaseId: lease.id })]: { body: { lease } } });
    renderInRouter(
      <LeaseActions
        lease={lease}
        secret={secret}
        location={LOCATION}
        permissions={{ canManage: true, canForce: false }}
      />,
      { toaster: true },
    );
    const renew = await screen.findByRole("button", { name: "Renew lease leasehold-ab12cd" });
    act(() => renew.focus());
    fireEvent.click(renew);
    const dialog = await screen.findByRole("dialog", { name: "Renew lease leasehold-ab12cd" });
    const ttl = (await within(dialog).findByRole("textbox", { name: "TTL" })) as HTMLInputElement;
    expect(ttl.value).toBe("1h");
    typeInto(ttl, "3h");
    const submit = () => act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Renew lease" })));
    await submit();
    expect(errorOf(ttl)).toBe("At most 2h can be added: the max TTL is 4h from creation");
    typeInto(ttl, "2h");
    await submit();
    expect(await screen.findByText("Lease renewed")).toBeTruthy();
    expect(sent(fetch, "POST", /\/renew$/).map((request) => request.body)).toEqual([{ ...LOCATION, ttl: "2h" }]);
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(renew);
  });
});
