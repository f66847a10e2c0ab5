import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { IdentityMembership } from "#shared/schemas/identities.ts";
import { badRequest, errorOf, renderInRouter, sent, stubApi } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { IDENTITY_ID, membershipFixture, projectFixture } from "../identities.fixtures.ts";
import { AddMembershipForm } from "./add-membership-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const payments = projectFixture("7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6", "Payments");
const billing = projectFixture("8e4f3a2b-5c6d-4e7f-8a81-92a3b4c5d6e7", "Billing");
const ADD = pathPattern(identityRoutes.addMembership, { identityId: IDENTITY_ID });

async function renderForm(
  existing: IdentityMembership[] = [],
  answer: Parameters<typeof stubApi>[0][string] = { body: { membership: membershipFixture(payments) } },
) {
  const fetch = stubApi({
    [stubKey(projectRoutes.list)]: { body: { projects: [payments, billing], totalCount: 2 } },
    [stubKey(identityRoutes.addMembership, { identityId: IDENTITY_ID })]: answer,
  });
  const onAdded = vi.fn();
  renderInRouter(<AddMembershipForm identityId={IDENTITY_ID} existing={existing} onAdded={onAdded} />);
  return { fetch, onAdded };
}

const project = () => screen.getByRole("combobox", { name: "Project" }) as HTMLSelectElement;
const role = () => screen.getByRole("combobox", { name: "Project role" }) as HTMLSelectElement;
const add = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Add to project" })));

describe("AddMembershipForm", () => {
  it("offers only projects the identity is not in, as a Viewer unless changed, and needs one chosen", async () => {
    const { fetch } = await renderForm([membershipFixture(billing)]);
    await screen.findByRole("form", { name: "Add to a project" });
    expect(Array.from(project().options).map((option) => option.textContent)).toEqual([
      "Choose a project…",
      "Payments",
    ]);
    expect(role().value).toBe("viewer");
    await add();
    expect(errorOf(project())).toBe("Choose a project");
    expect(sent(fetch, "POST", ADD)).toHaveLength(0);
    fireEvent.change(project(), { target: { value: payments.id } });
    await waitFor(() => expect(errorOf(project())).toBeNull());
  });

  it("adds with the chosen role, then empties the project and keeps the role for the next one", async () => {
    const { fetch, onAdded } = await renderForm();
    await screen.findByRole("form", { name: "Add to a project" });
    fireEvent.change(project(), { target: { value: payments.id } });
    fireEvent.change(role(), { target: { value: "developer" } });
    await add();
    await waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(sent(fetch, "POST", ADD).map((request) => request.body)).toEqual([
      { projectId: payments.id, role: "developer" },
    ]);
    expect(project().value).toBe("");
    expect(role().value).toBe("developer");
  });

  it("puts the server's issue on the project, and says so when every project is taken", async () => {
    await renderForm([], badRequest([{ path: ["projectId"], message: "It is already in Payments" }]));
    await screen.findByRole("form", { name: "Add to a project" });
    fireEvent.change(project(), { target: { value: payments.id } });
    await add();
    await waitFor(() => expect(errorOf(project())).toBe("It is already in Payments"));
    cleanup();

    await renderForm([membershipFixture(payments), membershipFixture(billing)]);
    expect(await screen.findByText("It is already in every project.")).toBeTruthy();
    expect(screen.queryByRole("form")).toBeNull();
  });
});
