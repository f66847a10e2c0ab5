import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditLog } from "#shared/schemas/audit.ts";
import { formatDateTime } from "#web/lib/format.ts";
import { settle } from "#web/lib/testing/render.tsx";
import { AuditLogDetailsDialog } from "./audit-log-details-dialog.tsx";

afterEach(cleanup);

const entry: AuditLog = {
  id: "e1e1e1e1-1111-4111-8111-111111111111",
  orgId: "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f",
  actorType: "user",
  actorId: "33333333-3333-4333-8333-333333333333",
  actorName: "ada@example.test",
  action: "dynamic-secret.lease.create",
  resourceType: "dynamic-secret-lease",
  resourceId: "44444444-4444-4444-8444-444444444444",
  projectId: null,
  metadata: { ttl: "1h", dynamicSecretName: "dev-admin" },
  ipAddress: "203.0.113.7",
  userAgent: null,
  requestId: "req-77",
  createdAt: "2026-12-01T10:00:00.000Z",
};

function details() {
  const dialog = screen.getByRole("dialog", { name: "dynamic-secret.lease.create" });
  const rows = within(dialog)
    .getAllByRole("term")
    .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
  return { dialog, rows: Object.fromEntries(rows) };
}

describe("AuditLogDetailsDialog", () => {
  it("opens from a button named after the entry, with every field and the metadata; a blank is a dash", async () => {
    render(<AuditLogDetailsDialog entry={entry} />);
    const trigger = screen.getByRole("button", {
      name: `Details of dynamic-secret.lease.create at ${formatDateTime(entry.createdAt)}`,
    });
    expect(trigger.textContent).toBe("Details");
    fireEvent.click(trigger);
    await settle();
    const { dialog, rows } = details();
    expect(rows).toEqual({
      Actor: "ada@example.test (user)",
      "Actor ID": entry.actorId,
      Resource: "dynamic-secret-lease",
      "Resource ID": entry.resourceId,
      "Project ID": "—",
      "IP address": "203.0.113.7",
      "User agent": "—",
      "Request ID": "req-77",
    });
    expect(JSON.parse(within(dialog).getByText(/dynamicSecretName/).textContent ?? "")).toEqual(entry.metadata);
  });

  it("closes with its Close button or Escape, giving focus back to Details", async () => {
    render(<AuditLogDetailsDialog entry={entry} />);
    const trigger = screen.getByRole("button", { name: /^Details of/ });
    act(() => trigger.focus());
    fireEvent.click(trigger);
    await settle();
    fireEvent.click(within(details().dialog).getByRole("button", { name: "Close" }));
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);

    fireEvent.click(trigger);
    await settle();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });
});
