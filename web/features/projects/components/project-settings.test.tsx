import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Suspense } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { badRequest, errorOf, renderInRouter, sent, stubApi, typeInto, writes } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { ProjectSettings } from "./project-settings.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PROJECT = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
const ID = { projectId: PROJECT };
const at = "2026-12-01T10:00:00.000Z";
const project = {
  id: PROJECT,
  orgId: "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f",
  name: "Payments",
  slug: "payments",
  environments: [],
  createdAt: at,
  updatedAt: at,
};

async function renderSettings(patch: Parameters<typeof stubApi>[0][string] = { body: { project } }) {
  const fetch = stubApi({
    [stubKey(projectRoutes.get, ID)]: { body: { project } },
    [stubKey(projectRoutes.update, ID)]: patch,
    [stubKey(projectRoutes.delete, ID)]: { body: { project } },
  });
  const { router } = renderInRouter(
    <Suspense fallback={<p>Loading</p>}>
      <ProjectSettings projectId={PROJECT} />
    </Suspense>,
    { toaster: true, path: `/projects/${PROJECT}/settings` },
  );
  await screen.findByRole("textbox", { name: "Project name" });
  return { fetch, router };
}

const name = () => screen.getByRole("textbox", { name: "Project name" }) as HTMLInputElement;
const slug = () => screen.getByRole("textbox", { name: "Project slug" }) as HTMLInputElement;
const save = () => screen.getByRole("button", { name: "Save changes" }) as HTMLButtonElement;

describe("ProjectSettings: details", () => {
  it("starts from the project, offers Save only once something changed, and checks both fields", async () => {
    const { fetch } = await renderSettings();
    expect(name().value).toBe("Payments");
    expect(slug().value).toBe("payments");
    expect(save().disabled).toBe(true);
    typeInto(name(), " ");
    typeInto(slug(), "Pay Ments");
    await waitFor(() => expect(save().disabled).toBe(false));
    await act(async () => fireEvent.click(save()));
    expect(errorOf(name())).toBe("Enter a name");
    expect(errorOf(slug())).toBe("Use lowercase letters, digits and single hyphens");
    expect(writes(fetch)).toHaveLength(0);
  });

  it("sends only what changed", async () => {
    const { fetch } = await renderSettings();
    typeInto(name(), "Payments EU");
    await act(async () => fireEvent.click(save()));
    expect(await screen.findByText("Project saved")).toBeTruthy();
    expect(sent(fetch, "PATCH", pathPattern(projectRoutes.update, ID)).map((request) => request.body)).toEqual([
      { name: "Payments EU" },
    ]);
  });

  it("puts a taken slug on its field", async () => {
    await renderSettings(badRequest([{ path: ["slug"], message: "The slug billing is taken" }]));
    typeInto(slug(), "billing");
    await act(async () => fireEvent.click(save()));
    await waitFor(() => expect(errorOf(slug())).toBe("The slug billing is taken"));
    expect(document.activeElement).toBe(slug());
  });
});

describe("ProjectSettings: delete", () => {
  it("deletes only once the project's name is typed, then goes to the projects", async () => {
    const { fetch, router } = await renderSettings();
    fireEvent.click(screen.getByRole("button", { name: "Delete project" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Delete project “Payments”?" });
    const confirm = within(dialog).getByRole("button", { name: "Delete project" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    typeInto(within(dialog).getByRole("textbox", { name: "Type Payments to confirm" }), "Payments");
    await act(async () => fireEvent.click(confirm));
    expect(await screen.findByText("Project “Payments” deleted")).toBeTruthy();
    await waitFor(() => expect(router.state.location.pathname).toBe("/projects"));
    expect(sent(fetch, "DELETE", pathPattern(projectRoutes.delete, ID))).toHaveLength(1);
  });
});
