import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useForm } from "react-hook-form";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import type { ConfigCheck, TestDynamicSecretResponse } from "#shared/schemas/dynamic-secrets.ts";
import {
  type DynamicSecretFormValues,
  initialValues,
} from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";
import { IamUserFields } from "#web/features/dynamic-secrets/components/iam-user-fields.tsx";
import { TestConfigurationPanel } from "#web/features/dynamic-secrets/components/test-configuration-panel.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const location = { projectSlug: "payments", environmentSlug: "dev", path: "/" };
const check = (c: Partial<ConfigCheck> & Pick<ConfigCheck, "id" | "status" | "title" | "message">): ConfigCheck => ({
  step: "iam",
  ok: c.status !== "failed",
  field: null,
  action: null,
  ...c,
});
const GROUP_MISSING = 'The group "deploy-typo" does not exist in account 123456789012.';
const BOUNDARY_MISSING = "The permissions boundary arn:aws:iam::123456789012:policy/nope does not exist.";
const answer: TestDynamicSecretResponse = {
  ok: false,
  callerArn: "arn:aws:iam::123456789012:user/leasehold",
  checks: [
    check({
      id: "credentials",
      step: "credentials",
      status: "ok",
      title: "Credentials",
      message: "AWS accepted them.",
    }),
    // Listed before the boundary on purpose: focus must still go to the field that comes first on the page.
    check({
      id: "field:userGroups",
      status: "failed",
      title: "User groups",
      field: ["provider", "inputs", "userGroups"],
      action: "iam:GetGroup",
      message: GROUP_MISSING,
    }),
    check({
      id: "field:permissionBoundaryPolicyArn",
      status: "failed",
      title: "Permissions boundary",
      field: ["provider", "inputs", "permissionBoundaryPolicyArn"],
      message: BOUNDARY_MISSING,
    }),
    check({
      id: "field:awsPath",
      status: "warning",
      title: "IAM path",
      field: ["provider", "inputs", "awsPath"],
      message: "Not allowed to list users under /ci/.",
    }),
    check({ id: "permissions", status: "skipped", title: "Permissions", message: "May not simulate." }),
    check({
      id: "action:iam:CreateAccessKey",
      status: "failed",
      title: "iam:CreateAccessKey",
      action: "iam:CreateAccessKey",
      message: "May not call iam:CreateAccessKey: Generate would fail.",
    }),
  ],
};

function Harness() {
  const form = useForm<DynamicSecretFormValues>({ defaultValues: initialValues(null) });
  return (
    <form noValidate>
      <IamUserFields form={form} />
      <TestConfigurationPanel form={form} location={location} savedName={null} clearsConnection={false} />
    </form>
  );
}

function renderPanel(body: unknown = answer) {
  const fetch = vi.fn().mockImplementation(async () => new Response(JSON.stringify(body), { status: 200 }));
  vi.stubGlobal("fetch", fetch);
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
  return fetch;
}

async function runTest() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Test configuration" }));
  });
  await screen.findByRole("list", { name: "Configuration checks" });
}

describe("TestConfigurationPanel", () => {
  it("lists each check with its state in words, and sends the form's inputs and template", async () => {
    const fetch = renderPanel();
    fireEvent.change(screen.getByLabelText("User groups"), { target: { value: "deploy,deploy-typo" } });
    await runTest();
    const items = within(screen.getByRole("list", { name: "Configuration checks" })).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^PassedCredentials/),
      expect.stringMatching(/^FailedUser groups/),
      expect.stringMatching(/^FailedPermissions boundary/),
      expect.stringMatching(/^WarningIAM path/),
      expect.stringMatching(/^SkippedPermissions/),
      expect.stringMatching(/^Failediam:CreateAccessKey/),
    ]);
    expect(screen.getByRole("status").textContent).toBe(
      "Some checks failed. 3 failed, 1 warning, 1 skipped, 1 passed.",
    );
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe(pathOf(dynamicSecretRoutes.testConfiguration));
    const sent = JSON.parse(String((init as RequestInit).body));
    expect(sent).toMatchObject({ projectSlug: "payments", usernameTemplate: "{{randomUsername}}" });
    expect(sent.provider.inputs.userGroups).toBe("deploy,deploy-typo");
  });

  it("puts each failed field's message under the field and focuses the first failing field on the page", async () => {
    renderPanel();
    await runTest();
    const boundary = screen.getByLabelText("Permission boundary ARN");
    const groups = screen.getByLabelText("User groups");
    await waitFor(() => expect(document.activeElement).toBe(boundary));
    for (const [input, message] of [
      [boundary, BOUNDARY_MISSING],
      [groups, GROUP_MISSING],
    ] as const) {
      expect(input.getAttribute("aria-invalid")).toBe("true");
      const shown = screen.getAllByText(message).find((el) => input.getAttribute("aria-describedby")?.includes(el.id));
      expect(shown, `${message} is tied to its field`).toBeDefined();
    }
    // A warning stays in the panel: the path field is not marked.
    expect(screen.getByLabelText("IAM path").getAttribute("aria-invalid")).toBeNull();
  });

  it("takes a keyboard user to a failing field, and clears that field's error once it is edited", async () => {
    renderPanel();
    await runTest();
    const goTo = screen.getByRole("button", { name: "Go to User groups" });
    goTo.focus();
    fireEvent.click(goTo);
    const groups = screen.getByLabelText("User groups");
    await waitFor(() => expect(document.activeElement).toBe(groups)); // react-hook-form focuses on the next tick
    expect(screen.queryByRole("button", { name: "Go to iam:CreateAccessKey" })).toBeNull();
    fireEvent.change(groups, { target: { value: "deploy" } });
    await waitFor(() => expect(groups.getAttribute("aria-invalid")).toBeNull());
    expect(screen.getByLabelText("Permission boundary ARN").getAttribute("aria-invalid")).toBe("true");
  });

  it("says the configuration works when nothing failed, and marks no field", async () => {
    renderPanel({ ...answer, ok: true, checks: answer.checks.filter((c) => c.status !== "failed") });
    await runTest();
    expect(screen.getByRole("status").textContent).toBe("The configuration works. 1 warning, 1 skipped, 1 passed.");
    expect(screen.getByLabelText("User groups").getAttribute("aria-invalid")).toBeNull();
  });
});
