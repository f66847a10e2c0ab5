import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { ProjectMembersTable } from "./project-members-table.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PROJECT = "11111111-1111-4111-8111-111111111111";
const membership = {
  id: "22222222-2222-4222-8222-222222222222",
  projectId: PROJECT,
  userId: "33333333-3333-4333-8333-333333333333",
  email: "dev@example.com",
  name: "Dee Veloper",
  role: "developer" as const,
  createdAt: "2026-12-01T10:00:00.000Z",
};

describe("ProjectMembersTable", () => {
  it("names Remove in words and removes only after a confirmation", async () => {
    const fetch = stubApi({
      [stubKey(projectRoutes.removeMembership, { projectId: PROJECT, membershipId: membership.id })]: {
        body: { membership },
      },
    });
    renderInRouter(<ProjectMembersTable projectId={PROJECT} memberships={[membership]} currentUserId="someone" />);
    const remove = await screen.findByRole("button", { name: "Remove Dee Veloper from the project" });
    expect(remove.textContent).toBe("Remove");
    fireEvent.click(remove);
    const dialog = await screen.findByRole("alertdialog", { name: "Remove Dee Veloper from the project?" });
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
  });
});
