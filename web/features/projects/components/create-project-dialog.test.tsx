import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { projectRoutes } from "#client/core/routes/projects.ts";
import {
  badRequest,
  errorOf,
  failure,
  renderInRouter,
  sent,
  settle,
  stubApi,
  typeInto,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { CreateProjectDialog } from "./create-project-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(projectRoutes.create);
const PROJECT = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
const at = "2026-12-01T10:00:00.000Z";
const created = {
  body: {
    project: {
      id: PROJECT,
      orgId: "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f",
      name: "Payments API",
      slug: "payments-api",
      environments: [],
      createdAt: at,
      updatedAt: at,
    },
  },
};

async function openDialog(answer: Parameters<typeof stubApi>[0][string] = created) {
  const fetch = stubApi({ [stubKey(projectRoutes.create)]: answer });
  const { router } = renderInRouter(<CreateProjectDialog />, { toaster: true, path: "/projects" });
  const trigger = await screen.findByRole("button", { name: "New project" });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", { name: "New project" });
  return { fetch, router, trigger, dialog };
}

const name = (dialog: HTMLElement) => within(dialog).getByRole("textbox", { name: "Name" }) as HTMLInputElement;
const slug = (dialog: HTMLElement) =>
  within(dialog).getByRole("textbox", { name: "Slug (optional)" }) as HTMLInputElement;
const create = (dialog: HTMLElement) =>
  act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Create project" })));

describe("CreateProjectDialog", () => {
  it("needs a name, suggests the slug it would derive, and checks a typed slug", async () => {
    const { fetch, dialog } = await openDialog();
    await create(dialog);
    expect(errorOf(name(dialog))).toBe("Enter a name");
    typeInto(name(dialog), "Payments API");
    await waitFor(() => expect(errorOf(name(dialog))).toBeNull());
    expect(slug(dialog).placeholder).toBe("payments-api");
    typeInto(slug(dialog), "Payments_API");
    await create(dialog);
    expect(errorOf(slug(dialog))).toBe("Use lowercase letters, digits and single hyphens");
    expect(writes(fetch)).toHaveLength(0);
  });

  it("Close sends nothing, empties the form and returns focus", async () => {
    const { fetch, trigger, dialog } = await openDialog();
    typeInto(name(dialog), "Payments API");
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await settle();
    expect(document.activeElement).toBe(trigger);
    fireEvent.click(trigger);
    expect(name(await screen.findByRole("dialog", { name: "New project" })).value).toBe("");
    expect(writes(fetch)).toHaveLength(0);
  });

  it("creates without a slug when it is left empty, then opens the new project", async () => {
    const { fetch, router, dialog } = await openDialog();
    typeInto(name(dialog), "Payments API");
    await create(dialog);
    expect(await screen.findByText("Project “Payments API” created")).toBeTruthy();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/projects/${PROJECT}`));
    expect(sent(fetch, "POST", CREATE).map((request) => request.body)).toEqual([{ name: "Payments API" }]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("sends a typed slug, locks the button meanwhile, and puts a taken slug on its field", async () => {
    let answer = (_: { status?: number; body: unknown }) => {};
    const { fetch, dialog } = await openDialog(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    typeInto(name(dialog), "Payments API");
    typeInto(slug(dialog), "payments");
    await create(dialog);
    const button = within(dialog).getByRole("button", { name: "Create project" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(sent(fetch, "POST", CREATE)[0]!.body).toEqual({ name: "Payments API", slug: "payments" });
    await act(async () => answer(badRequest([{ path: ["slug"], message: "The slug payments is taken" }])));
    await waitFor(() => expect(errorOf(slug(dialog))).toBe("The slug payments is taken"));
    expect(document.activeElement).toBe(slug(dialog));
    expect(button.disabled).toBe(false);
  });

  it("shows a refusal about no field as a message and stays open", async () => {
    const { dialog } = await openDialog(failure(403, "Your organization has reached its project limit"));
    typeInto(name(dialog), "Payments API");
    await create(dialog);
    expect(await screen.findByText("Your organization has reached its project limit")).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "New project" })).toBeTruthy();
  });
});
