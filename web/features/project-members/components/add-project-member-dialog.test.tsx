import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberRoutes } from "#client/core/routes/members.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ProjectMembership } from "#shared/schemas/projects.ts";
import {
  badRequest,
  errorOf,
  failure,
  renderInRouter,
  sent,
  settle,
  stubApi,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { AddProjectMemberDialog } from "./add-project-member-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const PROJECT = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
const ADD = pathPattern(projectRoutes.addMembership, { projectId: PROJECT });
const at = "2026-12-01T10:00:00.000Z";
const person = (n: number, name: string, email: string) => ({
  id: `2222222${n}-2222-4222-8222-222222222222`,
  userId: `3333333${n}-3333-4333-8333-333333333333`,
  email,
  name,
  role: "member" as const,
  status: "active" as const,
  createdAt: at,
});
const ada = person(1, "Ada", "ada@example.test");
const dee = person(2, "", "dee@example.test");
const adaMembership: ProjectMembership = {
  id: "44444444-4444-4444-8444-444444444444",
  projectId: PROJECT,
  userId: ada.userId,
  email: ada.email,
  name: ada.name,
  role: "admin",
  createdAt: at,
};

async function openDialog(
  { members = [ada, dee], memberships = [adaMembership] } = {},
  answer: Parameters<typeof stubApi>[0][string] = {
    body: { membership: { ...adaMembership, userId: dee.userId, email: dee.email, name: "" } },
  },
  list: Parameters<typeof stubApi>[0][string] = { body: { members, totalCount: members.length } },
) {
  const fetch = stubApi({
    [stubKey(memberRoutes.list, { orgId: ORG })]: list,
    [stubKey(projectRoutes.addMembership, { projectId: PROJECT })]: answer,
  });
  renderInRouter(<AddProjectMemberDialog projectId={PROJECT} orgId={ORG} memberships={memberships} />, {
    toaster: true,
  });
  const trigger = await screen.findByRole("button", { name: "Add member" });
  // The organization's people are asked for only once the dialog opens.
  expect(fetch).not.toHaveBeenCalled();
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", { name: "Add a project member" });
  return { fetch, trigger, dialog };
}

const personField = () => screen.getByRole("combobox", { name: "Person" }) as HTMLSelectElement;
const submit = (dialog: HTMLElement) =>
  act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Add to project" })));

describe("AddProjectMemberDialog", () => {
  it("offers the organization's people who are not members yet, as Developers unless changed", async () => {
    const { fetch, dialog } = await openDialog();
    const select = (await within(dialog).findByRole("combobox", { name: "Person" })) as HTMLSelectElement;
    expect(Array.from(select.options).map((option) => option.textContent)).toEqual([
      "Choose a person…",
      "dee@example.test",
    ]);
    expect((within(dialog).getByRole("combobox", { name: "Role" }) as HTMLSelectElement).value).toBe("developer");
    expect(sent(fetch, "GET", /\/members$/)[0]!.query.get("limit")).toBe("100");
    await submit(dialog);
    expect(errorOf(select)).toBe("Choose a person");
    expect(writes(fetch)).toHaveLength(0);
  });

  it("adds the chosen person with the role, then closes, says so and returns focus", async () => {
    const { fetch, trigger, dialog } = await openDialog();
    fireEvent.change(await within(dialog).findByRole("combobox", { name: "Person" }), {
      target: { value: dee.userId },
    });
    fireEvent.change(within(dialog).getByRole("combobox", { name: "Role" }), { target: { value: "viewer" } });
    await submit(dialog);
    expect(await screen.findByText("dee@example.test added to the project")).toBeTruthy();
    expect(sent(fetch, "POST", ADD).map((request) => request.body)).toEqual([{ userId: dee.userId, role: "viewer" }]);
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it("puts the server's reason on the person field, not a generic one", async () => {
    const { dialog } = await openDialog(
      undefined,
      badRequest([{ path: ["userId"], message: "dee@example.test has left the organization" }]),
    );
    fireEvent.change(await within(dialog).findByRole("combobox", { name: "Person" }), {
      target: { value: dee.userId },
    });
    await submit(dialog);
    await waitFor(() => expect(errorOf(personField())).toBe("dee@example.test has left the organization"));
  });

  it("says when everyone is a member already, and why the people cannot be listed", async () => {
    const { dialog } = await openDialog({ members: [ada], memberships: [adaMembership] });
    expect(await within(dialog).findByText(/Everyone in the organization is already a member/)).toBeTruthy();
    expect(within(dialog).queryByRole("combobox")).toBeNull();
    cleanup();

    const failed = await openDialog(undefined, undefined, failure(403, "You cannot list the organization's members"));
    expect((await within(failed.dialog).findByRole("alert")).textContent).toContain(
      "You cannot list the organization's members",
    );
  });
});
