// For web component tests: dynamic secrets and leases shaped by the shared response schemas, and the
// Add/Edit dialog rendered as the Secrets page renders it, with the API stubbed.
import { act, fireEvent, screen } from "@testing-library/react";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import type { DynamicSecret } from "#shared/schemas/dynamic-secrets.ts";
import type { Lease } from "#shared/schemas/leases.ts";
import { Button } from "#web/components/ui/button.tsx";
import { DynamicSecretFormDialog } from "#web/features/dynamic-secrets/components/dynamic-secret-form-dialog.tsx";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";

export const LOCATION = { projectSlug: "payments", environmentSlug: "dev", path: "/" };
export const PROJECT_ID = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
const at = "2026-12-01T10:00:00.000Z";

export function secretFixture({
  inputs,
  ...overrides
}: Partial<Omit<DynamicSecret, "inputs">> & { inputs?: Partial<DynamicSecret["inputs"]> } = {}): DynamicSecret {
  return {
    id: "d1d1d1d1-1111-4111-8111-111111111111",
    name: "dev-admin",
    type: "aws-iam",
    version: 1,
    defaultTTL: "1h",
    maxTTL: "1d",
    projectId: PROJECT_ID,
    environmentId: "e1e1e1e1-1111-4111-8111-111111111111",
    environmentSlug: "dev",
    path: "/",
    usernameTemplate: "{{randomUsername}}",
    metadata: [],
    inputs: {
      method: "access-key",
      credentialType: "iam-user",
      accessKey: "AKIAIOSFODNN7EXAMPLE",
      region: "us-east-1",
      awsPath: "/leasehold/",
      ...inputs,
    },
    activeLeaseCount: 2,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function leaseFixture(overrides: Partial<Lease> = {}): Lease {
  return {
    id: "1ea5e000-1111-4111-8111-111111111111",
    dynamicSecretId: "d1d1d1d1-1111-4111-8111-111111111111",
    externalEntityId: "leasehold-ab12cd",
    expireAt: "2026-12-01T11:00:00.000Z",
    createdAt: at,
    updatedAt: at,
    version: 1,
    status: "active",
    statusDetails: null,
    username: "leasehold-ab12cd",
    createdBy: { type: "user", id: "33333333-3333-4333-8333-333333333333", name: "ada@example.test" },
    revokedAt: null,
    revokedBy: null,
    revokeAttempts: 0,
    nextAttemptAt: null,
    lastError: null,
    creationError: null,
    ...overrides,
  };
}

type Routes = Parameters<typeof stubApi>[0];

/** The Add (or Edit) dialog behind its button, opened; the username preview answers by default. */
export async function openSecretForm(existing: DynamicSecret | null, routes: Routes = {}) {
  const fetch = stubApi({
    [stubKey(dynamicSecretRoutes.usernamePreview)]: { body: { username: "leasehold-x7k2" } },
    ...routes,
  });
  renderInRouter(
    <DynamicSecretFormDialog
      location={LOCATION}
      projectId={PROJECT_ID}
      existing={existing}
      trigger={<Button>{existing ? "Edit" : "Add dynamic secret"}</Button>}
    />,
    { toaster: true },
  );
  const trigger = await screen.findByRole("button", { name: existing ? "Edit" : "Add dynamic secret" });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", {
    name: existing ? `Edit “${existing.name}”` : "Add Dynamic Secret: AWS IAM",
  });
  // The form is loaded when the dialog opens.
  await screen.findByRole("textbox", { name: "Secret name" });
  return { fetch, trigger, dialog };
}

/** Radix tabs switch on mouse down, as in a browser. */
export function chooseTab(name: string) {
  fireEvent.mouseDown(screen.getByRole("tab", { name }));
}

export const submitForm = (label: string) =>
  act(async () => fireEvent.click(screen.getByRole("button", { name: label })));
