import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { ConnectionWizard } from "./connection-wizard.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const ROLE_ARN = "arn:aws:iam::123456789012:role/leasehold";
const at = "2026-12-01T10:00:00.000Z";
const created = {
  appConnection: {
    id: "a1a1a1a1-1111-4111-8111-111111111111",
    name: "prod-aws",
    description: null,
    projectId: null,
    orgId: ORG,
    version: 1,
    app: "aws",
    method: "assume-role",
    credentials: { roleArn: ROLE_ARN, stsEndpoint: null },
    externalId: ORG,
    status: "connected",
    statusMessage: null,
    identityArn: "arn:aws:sts::123456789012:assumed-role/leasehold/leasehold-a1a1",
    lastCheckedAt: at,
    createdAt: at,
    updatedAt: at,
  },
};

/** An IntersectionObserver that says, for every element, whether `visible()` says it shows. */
function stubIntersection(visible: () => boolean) {
  const observers: (() => void)[] = [];
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
        observers.push(() => callback([{ isIntersecting: visible() }]));
      }
      observe() {
        queueMicrotask(() => {
          for (const notify of observers) notify();
        });
      }
      disconnect() {}
    },
  );
  return () =>
    act(() => {
      for (const notify of observers) notify();
    });
}

async function renderGuide(create: Parameters<typeof stubApi>[0][string] = { body: created }) {
  const fetch = stubApi({
    [stubKey(appConnectionRoutes.serverPrincipal)]: {
      body: { configured: true, source: "environment", arn: "arn:aws:iam::123456789012:user/leasehold", account: "1" },
    },
    [stubKey(appConnectionRoutes.create)]: create,
  });
  renderInRouter(
    <ConnectionWizard
      scope={{ orgId: ORG, projectId: null }}
      method="assume-role"
      onMethodChange={() => {}}
      onFinished={() => {}}
    />,
  );
  // The router renders its first page asynchronously; a busy machine takes a while.
  await screen.findByRole("heading", { name: CONNECT_STEP }, { timeout: 5000 });
  return fetch;
}

// jsdom's accessible name drops the space after the visually hidden "Step 4:"; a browser keeps it.
const CONNECT_STEP = /^Step 4: ?Connect$/;
const posts = (fetch: Awaited<ReturnType<typeof renderGuide>>) =>
  fetch.mock.calls.filter(([, init]) => init?.method === "POST");

describe("the Assume Role guide keeps Connect in reach", () => {
  it("puts the guide's steps first and Connect last, in reading order", async () => {
    await renderGuide();
    const headings = screen
      .getAllByRole("heading", { level: 2 })
      .map((h) => h.textContent)
      .filter((text) => text?.startsWith("Step"));
    expect(headings).toEqual([
      "Step 1: Check Leasehold's AWS principal",
      "Step 2: Create the role, trusting Leasehold",
      "Step 3: Give the role its permissions",
      "Step 4: Connect",
    ]);
  });

  it("while the Connect step is off screen, a bar carries its button; with a field missing it goes there", async () => {
    const fetch = await renderGuide();
    const bar = await screen.findByRole("region", { name: "Connect" });
    fireEvent.click(within(bar).getByRole("button", { name: "Connect to AWS" }));
    const name = screen.getByRole("textbox", { name: "Connection name" });
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(posts(fetch)).toHaveLength(0);
  });

  it("the bar's button connects with what was typed in the form, once", async () => {
    const fetch = await renderGuide();
    fireEvent.change(screen.getByRole("textbox", { name: "Connection name" }), { target: { value: "prod-aws" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Role ARN" }), { target: { value: ROLE_ARN } });
    const barButton = within(await screen.findByRole("region", { name: "Connect" })).getByRole("button", {
      name: "Connect to AWS",
    });
    fireEvent.click(barButton);
    expect(await screen.findByText(/works: AWS answered/)).toBeTruthy();
    expect(posts(fetch)).toHaveLength(1);
    expect(JSON.parse(String(posts(fetch)[0]![1]!.body))).toMatchObject({
      name: "prod-aws",
      method: "assume-role",
      credentials: { roleArn: ROLE_ARN },
    });
  });

  it("a second click while AWS is being asked sends nothing more", async () => {
    let answer = (_: { body: unknown }) => {};
    const fetch = await renderGuide(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    fireEvent.change(screen.getByRole("textbox", { name: "Connection name" }), { target: { value: "prod-aws" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Role ARN" }), { target: { value: ROLE_ARN } });
    const barButton = within(screen.getByRole("region", { name: "Connect" })).getByRole("button", {
      name: "Connect to AWS",
    });
    fireEvent.click(barButton);
    await waitFor(() => expect((barButton as HTMLButtonElement).disabled).toBe(true));
    fireEvent.click(barButton);
    await waitFor(() => expect(posts(fetch)).toHaveLength(1));
    answer({ body: created });
    expect(await screen.findByText(/works: AWS answered/)).toBeTruthy();
    expect(posts(fetch)).toHaveLength(1);
  });

  it("hides the bar once the Connect step shows, and brings it back when it scrolls away", async () => {
    let shows = true;
    const notify = stubIntersection(() => shows);
    await renderGuide();
    await waitFor(() => expect(screen.queryByRole("region", { name: "Connect" })).toBeNull());
    shows = false;
    notify();
    expect(await screen.findByRole("region", { name: "Connect" })).toBeTruthy();
  });
});
