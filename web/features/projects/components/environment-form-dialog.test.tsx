import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { Environment } from "#shared/schemas/projects.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  badRequest,
  errorOf,
  renderInRouter,
  sent,
  settle,
  stubApi,
  typeInto,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { EnvironmentFormDialog } from "./environment-form-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PROJECT = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
const staging: Environment = {
  id: "e2e2e2e2-2222-4222-8222-222222222222",
  name: "Staging",
  slug: "staging",
  position: 1,
};

/** The environment's panel: it shows the environment as last saved, and edits it with the dialog. */
function Panel({ initial }: { initial?: Environment }) {
  const [environment, setEnvironment] = useState(initial);
  return (
    <EnvironmentFormDialog
      projectId={PROJECT}
      environment={environment}
      trigger={<Button>{environment ? "Edit environment" : "Add environment"}</Button>}
      onSaved={(saved) => initial && setEnvironment(saved)}
    />
  );
}

async function openDialog(initial: Environment | undefined, answer: Parameters<typeof stubApi>[0][string]) {
  const fetch = stubApi({
    [stubKey(projectRoutes.createEnvironment, { projectId: PROJECT })]: answer,
    [stubKey(projectRoutes.updateEnvironment, { projectId: PROJECT, environmentId: staging.id })]: answer,
  });
  renderInRouter(<Panel initial={initial} />, { toaster: true });
  const trigger = await screen.findByRole("button", { name: initial ? "Edit environment" : "Add environment" });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog");
  return { fetch, trigger, dialog };
}

const name = () => screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement;
const slug = () => screen.getByRole("textbox", { name: "Slug" }) as HTMLInputElement;
const submit = (dialog: HTMLElement, label: string) =>
  act(async () => fireEvent.click(within(dialog).getByRole("button", { name: label })));

describe("EnvironmentFormDialog: adding", () => {
  it("derives the slug from the name until the slug is edited, and checks both", async () => {
    const { fetch, dialog } = await openDialog(undefined, { body: { environment: staging } });
    expect(dialog.getAttribute("aria-labelledby")).toBeTruthy();
    await submit(dialog, "Add environment");
    expect(errorOf(name())).toBe("Enter a name");
    expect(errorOf(slug())).toBe("Enter a slug");
    typeInto(name(), "EU West QA");
    expect(slug().value).toBe("eu-west-qa");
    typeInto(slug(), "eu_qa");
    typeInto(name(), "EU QA");
    expect(slug().value).toBe("eu_qa");
    await submit(dialog, "Add environment");
    expect(errorOf(slug())).toBe("Use lowercase letters, digits and single hyphens");
    expect(errorOf(name())).toBeNull();
    expect(writes(fetch)).toHaveLength(0);
  });

  it("adds it, says so, closes and returns focus; Close alone sends nothing", async () => {
    const { fetch, trigger, dialog } = await openDialog(undefined, { body: { environment: staging } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    await settle();
    expect(document.activeElement).toBe(trigger);
    expect(writes(fetch)).toHaveLength(0);

    fireEvent.click(trigger);
    const again = await screen.findByRole("dialog", { name: "Add environment" });
    typeInto(name(), "Staging");
    await submit(again, "Add environment");
    expect(await screen.findByText("Environment “Staging” added")).toBeTruthy();
    expect(
      sent(fetch, "POST", pathPattern(projectRoutes.createEnvironment, { projectId: PROJECT })).map(
        (request) => request.body,
      ),
    ).toEqual([{ name: "Staging", slug: "staging" }]);
    await settle();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it("puts a taken slug on its field", async () => {
    const { dialog } = await openDialog(undefined, badRequest([{ path: ["slug"], message: "staging exists" }]));
    typeInto(name(), "Staging");
    await submit(dialog, "Add environment");
    await waitFor(() => expect(errorOf(slug())).toBe("staging exists"));
  });
});

describe("EnvironmentFormDialog: editing", () => {
  it("warns that a new slug breaks scripts, sends only what changed, and sends nothing when nothing did", async () => {
    const renamed = { ...staging, name: "Pre-production" };
    const { fetch, dialog } = await openDialog(staging, { body: { environment: renamed } });
    expect(within(dialog).getByText(/Changing the slug breaks scripts/)).toBeTruthy();
    expect(name().value).toBe("Staging");
    // Typing a name does not rewrite an existing environment's slug.
    typeInto(name(), "Pre-production");
    expect(slug().value).toBe("staging");
    typeInto(name(), "Staging");
    await submit(dialog, "Save");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(writes(fetch)).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Edit environment" }));
    const again = await screen.findByRole("dialog", { name: "Edit environment “Staging”" });
    typeInto(name(), "Pre-production");
    await submit(again, "Save");
    expect(await screen.findByText("Environment “Pre-production” saved")).toBeTruthy();
    expect(
      sent(
        fetch,
        "PATCH",
        pathPattern(projectRoutes.updateEnvironment, { projectId: PROJECT, environmentId: staging.id }),
      ).map((request) => request.body),
    ).toEqual([{ name: "Pre-production" }]);
  });

  it("after a rename, opens again on the saved name, so saving as is changes nothing", async () => {
    const renamed = { ...staging, name: "Pre-production" };
    const { fetch, dialog } = await openDialog(staging, { body: { environment: renamed } });
    typeInto(name(), "Pre-production");
    await submit(dialog, "Save");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await settle();

    fireEvent.click(screen.getByRole("button", { name: "Edit environment" }));
    const again = await screen.findByRole("dialog", { name: "Edit environment “Pre-production”" });
    expect(name().value).toBe("Pre-production");
    await submit(again, "Save");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(sent(fetch, "PATCH", /./)).toHaveLength(1);
  });
});
