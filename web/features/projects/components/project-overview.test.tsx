import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ProjectOverview as Overview } from "#shared/schemas/project-overview.ts";
import { never, renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { ProjectOverview } from "./project-overview.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PROJECT = "11111111-1111-4111-8111-111111111111";
const ENV = {
  dev: "22222222-2222-4222-8222-222222222221",
  staging: "22222222-2222-4222-8222-222222222222",
  prod: "22222222-2222-4222-8222-222222222223",
};
const project = {
  id: PROJECT,
  orgId: "33333333-3333-4333-8333-333333333333",
  name: "Payments",
  slug: "payments",
  // Out of order on purpose: tabs follow `position`.
  environments: [
    { id: ENV.prod, name: "Production", slug: "prod", position: 2 },
    { id: ENV.dev, name: "Development", slug: "dev", position: 0 },
    { id: ENV.staging, name: "Staging", slug: "staging", position: 1 },
  ],
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
};

const zeros = (environmentId: string) => ({ environmentId, dynamicSecrets: 0, activeLeases: 0, failedRevocations: 0 });
const emptyOverview: Overview = {
  projectId: PROJECT,
  setup: { appConnections: 0, connectedAppConnections: 0, dynamicSecrets: 0, identities: 0, hasLeases: false },
  environments: [zeros(ENV.dev), zeros(ENV.staging), zeros(ENV.prod)],
  recentActivity: [],
};
const person = (id: string, orgRole: "admin" | "member") => ({
  user: { id, email: `${orgRole}@example.com`, name: orgRole, createdAt: project.createdAt },
  orgRole,
});
const admin = person("44444444-4444-4444-8444-444444444444", "admin");
const member = person("66666666-6666-4666-8666-666666666666", "member");

function renderOverview(
  overview: Parameters<typeof stubApi>[0][string],
  { session = admin, selectedSlug }: { session?: ReturnType<typeof person>; selectedSlug?: string } = {},
) {
  const onSelect = vi.fn();
  const fetch = stubApi({
    [stubKey(projectRoutes.get, { projectId: PROJECT })]: { body: { project } },
    [stubKey(projectRoutes.overview, { projectId: PROJECT })]: overview,
    [stubKey(projectRoutes.listMemberships, { projectId: PROJECT })]: {
      body: {
        memberships: [
          {
            id: "55555555-5555-4555-8555-555555555555",
            projectId: PROJECT,
            userId: member.user.id,
            email: "vic@example.com",
            name: "Vic Viewer",
            role: "viewer",
            createdAt: project.createdAt,
          },
        ],
      },
    },
  });
  const view = renderInRouter(
    <ProjectOverview projectId={PROJECT} session={session} selectedSlug={selectedSlug} onSelect={onSelect} />,
  );
  return { ...view, fetch, onSelect };
}

const steps = () => within(screen.getByRole("list", { name: "Setup steps" })).getAllByRole("listitem");

describe("ProjectOverview", () => {
  it("shows placeholders while the overview loads, with the environments already there", async () => {
    renderOverview(never);
    expect(await screen.findByText("Loading next steps")).toBeTruthy();
    expect(screen.getByText("Loading recent activity")).toBeTruthy();
    expect(await screen.findByRole("tab", { name: "Development" })).toBeTruthy();
  });

  it("on a new project: four steps, the first one next, each linking to where it is done", async () => {
    renderOverview({ body: { overview: emptyOverview } }, { selectedSlug: "staging" });
    expect(await screen.findByRole("heading", { name: "Next steps" })).toBeTruthy();
    expect(screen.getByText("0 of 4 done")).toBeTruthy();
    const [connect, secret, identity, lease] = steps();
    expect(connect!.getAttribute("aria-current")).toBe("step");
    expect(within(connect!).getByText("Next step")).toBeTruthy();
    expect(within(connect!).getByRole("link", { name: "Connect AWS" }).getAttribute("href")).toBe(
      `/projects/${PROJECT}/app-connections/new`,
    );
    // The secrets links open the environment selected on the page.
    expect(within(secret!).getByRole("link", { name: "Add a dynamic secret" }).getAttribute("href")).toBe(
      `/projects/${PROJECT}/secrets?env=staging`,
    );
    expect(within(identity!).getByRole("link", { name: "Create an identity" }).getAttribute("href")).toBe(
      "/identities/new",
    );
    expect(within(lease!).getByText("Needs a dynamic secret first.")).toBeTruthy();
    expect(screen.getByText(/Nothing has happened in this project yet/)).toBeTruthy();
  });

  it("marks done steps, moves 'next' along, and says when every connection fails its check", async () => {
    renderOverview({
      body: {
        overview: {
          ...emptyOverview,
          setup: { appConnections: 2, connectedAppConnections: 0, dynamicSecrets: 3, identities: 1, hasLeases: false },
        },
      },
    });
    await screen.findByText("2 of 4 done");
    const [connect, secret, identity, lease] = steps();
    expect(within(connect!).getByText("Needs attention")).toBeTruthy();
    expect(
      within(connect!).getByText(/2 App Connections this project can use; 2 failed their last check/),
    ).toBeTruthy();
    expect(connect!.getAttribute("aria-current")).toBe("step");
    expect(within(secret!).getByText("Done")).toBeTruthy();
    expect(within(secret!).getByText("3 dynamic secrets in this project.")).toBeTruthy();
    expect(within(identity!).getByRole("link", { name: "View identities" })).toBeTruthy();
    expect(within(lease!).getByText("To do")).toBeTruthy();
  });

  it("says 'Setup complete' once every step is done", async () => {
    renderOverview({
      body: {
        overview: {
          ...emptyOverview,
          setup: { appConnections: 1, connectedAppConnections: 1, dynamicSecrets: 1, identities: 2, hasLeases: true },
        },
      },
    });
    expect(await screen.findByRole("heading", { name: "Setup complete" })).toBeTruthy();
    expect(screen.getByText("4 of 4 done")).toBeTruthy();
    expect(steps().every((step) => step.getAttribute("aria-current") === null)).toBe(true);
    // One line each, still linking to where each thing lives.
    expect(screen.getByRole("link", { name: "View leases" }).getAttribute("href")).toBe(
      `/projects/${PROJECT}/secrets?env=dev`,
    );
    expect(screen.queryByText("Leases have been generated in this project.")).toBeNull();
  });

  it("tells a project viewer who can do each step instead of offering what they cannot do", async () => {
    renderOverview({ body: { overview: emptyOverview } }, { session: member });
    await screen.findByRole("heading", { name: "Next steps" });
    const [connect, secret, identity, lease] = steps();
    expect(within(connect!).getByText("A project admin can connect AWS.")).toBeTruthy();
    expect(within(connect!).getByRole("link", { name: "View connections" })).toBeTruthy();
    expect(within(secret!).getByText("A project admin or developer can add one.")).toBeTruthy();
    expect(within(identity!).getByText("An organization admin can create one.")).toBeTruthy();
    expect(within(lease!).getByText("A project admin or developer can generate one.")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Open this project's audit log" })).toBeNull();
  });

  it("shows the selected environment's counts, and every tab controls a panel that exists", async () => {
    renderOverview(
      {
        body: {
          overview: {
            ...emptyOverview,
            environments: [
              { environmentId: ENV.dev, dynamicSecrets: 4, activeLeases: 7, failedRevocations: 1 },
              zeros(ENV.staging),
              zeros(ENV.prod),
            ],
          },
        },
      },
      { selectedSlug: "dev" },
    );
    const numbers = await screen.findByLabelText("Development in numbers");
    await waitFor(() => expect(within(numbers).getByText("7")).toBeTruthy());
    expect(within(numbers).getByText("4")).toBeTruthy();
    expect(screen.getByText(/AWS refused to revoke a lease: their credentials may still work/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open Development dynamic secrets" }).getAttribute("href")).toBe(
      `/projects/${PROJECT}/secrets?env=dev`,
    );
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((tab) => tab.textContent)).toEqual(["Development", "Staging", "Production"]);
    for (const tab of tabs) {
      const panel = document.getElementById(tab.getAttribute("aria-controls")!);
      expect(panel, `panel of ${tab.textContent}`).not.toBeNull();
      expect(panel!.getAttribute("role")).toBe("tabpanel");
      expect(panel!.hidden).toBe(tab.getAttribute("aria-selected") !== "true");
    }
  });

  it("lists recent activity with the action's words, what it was about and who", async () => {
    renderOverview({
      body: {
        overview: {
          ...emptyOverview,
          recentActivity: [
            {
              id: "77777777-7777-4777-8777-777777777777",
              action: "lease.create",
              resourceType: "dynamic-secret-lease",
              resourceId: "88888888-8888-4888-8888-888888888888",
              actorType: "identity",
              actorName: "deploy-bot",
              subject: "dev-admin",
              createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
            },
          ],
        },
      },
    });
    const list = await screen.findByRole("list", { name: "Recent activity" });
    const [entry] = within(list).getAllByRole("listitem");
    expect(entry!.textContent).toContain("Lease generated");
    expect(entry!.textContent).toContain("dev-admin");
    expect(entry!.textContent).toContain("deploy-bot");
    expect(entry!.textContent).toContain("5 minutes ago");
    expect(within(entry!).getByLabelText("Machine identity")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open this project's audit log" }).getAttribute("href")).toBe(
      `/audit-log?projectId=${PROJECT}`,
    );
  });

  it("says once when the overview fails, keeps the environments usable, and retries", async () => {
    let calls = 0;
    renderOverview(() => {
      calls += 1;
      return calls === 1
        ? { status: 500, body: { statusCode: 500, error: "Internal", message: "Database busy", requestId: "r1" } }
        : { body: { overview: emptyOverview } };
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Database busy");
    expect(screen.getByRole("tab", { name: "Development" })).toBeTruthy();
    expect(screen.getByText("Recent activity is not available right now.")).toBeTruthy();
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Next steps" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
