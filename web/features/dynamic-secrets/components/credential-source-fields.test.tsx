import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { connectionFixture } from "#web/features/app-connections/app-connections.fixtures.ts";
import { errorOf, failure, sent, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { chooseTab, openSecretForm, PROJECT_ID, secretFixture, submitForm } from "../dynamic-secrets.fixtures.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(dynamicSecretRoutes.create);
const CONNECTIONS = pathPattern(appConnectionRoutes.list);
const saved = { body: { dynamicSecret: secretFixture() } };
const field = (name: string) => screen.getByRole("textbox", { name });
const inputsSent = (fetch: Awaited<ReturnType<typeof openSecretForm>>["fetch"]) =>
  (sent(fetch, "POST", CREATE)[0]!.body as { provider: { inputs: Record<string, unknown> } }).provider.inputs;

describe("CredentialSourceFields", () => {
  it("Access key asks for both halves of the key, warns on one AWS would not issue, and sends them", async () => {
    const { fetch } = await openSecretForm(null, { [stubKey(dynamicSecretRoutes.create)]: saved });
    typeInto(field("Secret name"), "dev-admin");
    chooseTab("Access key");
    expect(screen.queryByRole("textbox", { name: "Role ARN" })).toBeNull();
    await submitForm("Create dynamic secret");
    expect(errorOf(field("Access key ID"))).toBe("Enter the access key ID");
    expect(errorOf(screen.getByLabelText("Secret access key"))).toBe(
      "Enter the secret access key of the managing IAM user",
    );

    typeInto(field("Access key ID"), "test");
    expect((await screen.findByText(/Fine for an emulator/)).getAttribute("role")).toBe("status");
    typeInto(screen.getByLabelText("Secret access key"), "test-secret");
    await submitForm("Create dynamic secret");
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    expect(inputsSent(fetch)).toMatchObject({
      method: "access-key",
      accessKey: "test",
      secretAccessKey: "test-secret",
    });
    expect(inputsSent(fetch)).not.toHaveProperty("roleArn");
  });

  it("IRSA sends the role ARN with its own method", async () => {
    const { fetch } = await openSecretForm(null, { [stubKey(dynamicSecretRoutes.create)]: saved });
    typeInto(field("Secret name"), "dev-admin");
    chooseTab("IRSA (EKS)");
    expect(screen.getByText(/KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN=true/)).toBeTruthy();
    typeInto(field("Role ARN"), "arn:aws:iam::123456789012:role/eks-leasehold");
    await submitForm("Create dynamic secret");
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    expect(inputsSent(fetch)).toMatchObject({
      method: "irsa",
      roleArn: "arn:aws:iam::123456789012:role/eks-leasehold",
    });
  });

  it("App Connection lists the project's usable connections, needs one chosen, and sends only its ID", async () => {
    const project = connectionFixture({ id: "c2c2c2c2-2222-4222-8222-222222222222", name: "payments-aws" });
    const { fetch } = await openSecretForm(null, {
      [stubKey(appConnectionRoutes.list)]: {
        body: { appConnections: [connectionFixture(), { ...project, projectId: PROJECT_ID }] },
      },
      [stubKey(dynamicSecretRoutes.create)]: saved,
    });
    typeInto(field("Secret name"), "dev-admin");
    chooseTab("App Connection");
    const select = (await screen.findByRole("combobox", { name: "App Connection" })) as HTMLSelectElement;
    expect(sent(fetch, "GET", CONNECTIONS)[0]!.query.get("projectId")).toBe(PROJECT_ID);
    expect(Array.from(select.options).map((option) => option.textContent)).toEqual([
      "Choose a connection…",
      "prod-aws (assume role, organization)",
      "payments-aws (assume role, this project)",
    ]);
    await submitForm("Create dynamic secret");
    expect(errorOf(select)).toBe("Choose an App Connection");

    fireEvent.change(select, { target: { value: project.id } });
    await submitForm("Create dynamic secret");
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    expect(inputsSent(fetch)).toMatchObject({ appConnectionId: project.id });
    expect(inputsSent(fetch)).not.toHaveProperty("method");
  });

  it("App Connection with none available links to connecting one; a failed list says why", async () => {
    await openSecretForm(null, { [stubKey(appConnectionRoutes.list)]: { body: { appConnections: [] } } });
    chooseTab("App Connection");
    const link = await screen.findByRole("link", { name: "Connect an AWS account" });
    expect(link.getAttribute("href")).toBe(`/projects/${PROJECT_ID}/app-connections/new`);
    cleanup();

    await openSecretForm(null, { [stubKey(appConnectionRoutes.list)]: failure(403, "You cannot list connections") });
    chooseTab("App Connection");
    expect((await screen.findByRole("alert")).textContent).toContain("You cannot list connections");
  });

  it("editing a secret that used a connection and moving it to a key clears the connection", async () => {
    const existing = secretFixture({
      inputs: { method: "access-key", accessKey: undefined, appConnectionId: "c2c2c2c2-2222-4222-8222-222222222222" },
    });
    const { fetch } = await openSecretForm(existing, {
      [stubKey(appConnectionRoutes.list)]: { body: { appConnections: [] } },
      [stubKey(dynamicSecretRoutes.update, { name: "dev-admin" })]: saved,
    });
    expect(screen.getByRole("tab", { name: "App Connection" }).getAttribute("aria-selected")).toBe("true");
    chooseTab("Access key");
    typeInto(field("Access key ID"), "AKIAIOSFODNN7EXAMPLE");
    typeInto(screen.getByLabelText("Secret access key"), "a-new-secret");
    await submitForm("Save changes");
    await waitFor(() => expect(sent(fetch, "PATCH", /dev-admin$/)).toHaveLength(1));
    expect(sent(fetch, "PATCH", /dev-admin$/)[0]!.body).toMatchObject({
      data: { inputs: { method: "access-key", accessKey: "AKIAIOSFODNN7EXAMPLE", appConnectionId: null } },
    });
  });
});
