import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES } from "#shared/audit-events.ts";
import { stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import type { AuditLogFilters as Filters } from "../api.ts";
import { AuditLogFilters } from "./audit-log-filters.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const ADA = "a1a1a1a1-1111-4111-8111-111111111111";
const BOT = "b2b2b2b2-2222-4222-8222-222222222222";
const PROJECT = "c3c3c3c3-3333-4333-8333-333333333333";
const at = "2026-12-01T10:00:00.000Z";

const members = {
  members: [
    { id: ADA, userId: ADA, email: "ada@example.com", name: "Ada", role: "admin", status: "active", createdAt: at },
  ],
  totalCount: 1,
};
const identities = {
  identities: [
    { id: BOT, orgId: ORG, name: "deploy-bot", role: "member", authMethods: [], createdAt: at, updatedAt: at },
  ],
  totalCount: 140,
};
const projects = {
  projects: [
    { id: PROJECT, orgId: ORG, name: "Payments", slug: "payments", environments: [], createdAt: at, updatedAt: at },
  ],
  totalCount: 1,
};

function renderFilters(
  filters: Filters = {},
  { actors = Promise.resolve() }: { actors?: Promise<void> | "fail" } = {},
) {
  const failure = { statusCode: 500, error: "Internal Server Error", message: "Database busy", requestId: "r1" };
  const later = (body: unknown) =>
    actors === "fail" ? { status: 500, body: failure } : () => actors.then(() => ({ body }));
  stubApi({
    [stubKey(memberRoutes.list, { orgId: ORG })]: later(members),
    [stubKey(identityRoutes.list, { orgId: ORG })]: later(identities),
    [stubKey(projectRoutes.list)]: { body: projects },
  });
  const onApply = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AuditLogFilters orgId={ORG} filters={filters} onApply={onApply} />
    </QueryClientProvider>,
  );
  return onApply;
}

const select = (name: string) => screen.getByLabelText(name) as HTMLSelectElement;
const apply = () => fireEvent.click(screen.getByRole("button", { name: "Apply filters" }));

describe("AuditLogFilters", () => {
  it("offers every action the server writes, grouped by resource, and every resource type", () => {
    renderFilters();
    const actions = within(select("Action"))
      .getAllByRole("option")
      .map((o) => (o as HTMLOptionElement).value);
    expect(actions).toEqual(["", ...Object.keys(AUDIT_ACTIONS).sort((a, b) => actionOrder(a) - actionOrder(b))]);
    const group = select("Action").querySelector('optgroup[label="Lease"]')!;
    expect(within(group as HTMLElement).getByRole("option", { name: "Lease generated (lease.create)" })).toBeTruthy();
    const types = within(select("Resource type"))
      .getAllByRole("option")
      .map((o) => (o as HTMLOptionElement).value);
    expect(types).toEqual(["", ...Object.keys(AUDIT_RESOURCE_TYPES)]);
  });

  it("offers people and identities as actors, says when the list is cut, and applies the choice", async () => {
    const onApply = renderFilters();
    const actor = select("Actor");
    await within(actor).findByRole("option", { name: "Ada (ada@example.com)" });
    expect(actor.querySelector('optgroup[label="Machine identities"] option')?.textContent).toBe("deploy-bot");
    expect(screen.getByText("The first 100 people and identities.")).toBeTruthy();
    fireEvent.change(actor, { target: { value: BOT } });
    await within(select("Project")).findByRole("option", { name: "Payments" });
    fireEvent.change(select("Project"), { target: { value: PROJECT } });
    fireEvent.change(select("Action"), { target: { value: "lease.revoke" } });
    apply();
    await waitFor(() =>
      expect(onApply).toHaveBeenCalledWith({
        action: "lease.revoke",
        resourceType: undefined,
        actorId: BOT,
        projectId: PROJECT,
        range: undefined,
        from: undefined,
        to: undefined,
      }),
    );
  });

  it("shows the address's filters, keeping an actor chosen before the choices arrive", async () => {
    let arrive = () => {};
    const actors = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    renderFilters({ action: "lease.create", actorId: ADA, projectId: PROJECT, range: "7d" }, { actors });
    expect(select("Action").value).toBe("lease.create");
    expect(select("When").value).toBe("7d");
    expect(select("Actor").value).toBe(ADA);
    expect(screen.getByText("Loading people and identities…")).toBeTruthy();
    arrive();
    await within(select("Actor")).findByRole("option", { name: "Ada (ada@example.com)" });
    expect(select("Actor").value).toBe(ADA);
    expect(screen.queryByText("Loading people and identities…")).toBeNull();
    await within(select("Project")).findByRole("option", { name: "Payments" });
    expect(select("Project").value).toBe(PROJECT);
  });

  it("says when people and identities cannot be loaded, and still filters by the rest", async () => {
    const onApply = renderFilters({ actorId: ADA }, { actors: "fail" });
    expect(await screen.findByText("People and identities could not be loaded: Database busy")).toBeTruthy();
    expect(select("Actor").value).toBe(ADA);
    expect(within(select("Actor")).getByRole("option", { name: `Actor ${ADA}` })).toBeTruthy();
    fireEvent.change(select("Resource type"), { target: { value: "identity" } });
    apply();
    await waitFor(() =>
      expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ actorId: ADA, resourceType: "identity" })),
    );
  });

  it("keeps a relative range as such, so the link still means 'the last 24 hours' later", async () => {
    const onApply = renderFilters();
    fireEvent.change(select("When"), { target: { value: "24h" } });
    expect(screen.queryByLabelText("From")).toBeNull();
    apply();
    await waitFor(() =>
      expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ range: "24h", from: undefined })),
    );
  });

  it("asks for a start or an end between dates, and an end after the start", async () => {
    const onApply = renderFilters();
    fireEvent.change(select("When"), { target: { value: "custom" } });
    apply();
    expect(await screen.findByText("Enter a start, an end, or both")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-12-02T10:00" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-12-01T10:00" } });
    apply();
    expect(await screen.findByText("“To” must be after “From”")).toBeTruthy();
    expect(screen.getByLabelText("To").getAttribute("aria-invalid")).toBe("true");
    expect(onApply).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-12-03T10:30" } });
    apply();
    await waitFor(() => expect(onApply).toHaveBeenCalled());
    const applied = onApply.mock.calls[0]![0] as Filters;
    expect(applied.range).toBeUndefined();
    expect(new Date(applied.from!).getTime()).toBe(new Date("2026-12-02T10:00").getTime());
    // The picker has minute precision: "to 10:30" includes 10:30:59.
    expect(new Date(applied.to!).getTime()).toBe(new Date("2026-12-03T10:30").getTime() + 59_999);
  });

  it("offers Clear only when filtered, and it clears everything", () => {
    const onApply = renderFilters({ resourceType: "project" });
    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(onApply).toHaveBeenCalledWith({});
    cleanup();
    renderFilters();
    expect(screen.queryByRole("button", { name: "Clear filters" })).toBeNull();
  });
});

/** Options are grouped by resource type, in the order of AUDIT_RESOURCE_TYPES. */
function actionOrder(action: string) {
  const types = Object.keys(AUDIT_RESOURCE_TYPES);
  const keys = Object.keys(AUDIT_ACTIONS);
  const info = AUDIT_ACTIONS[action as keyof typeof AUDIT_ACTIONS];
  return types.indexOf(info.resourceType) * 1000 + keys.indexOf(action);
}
