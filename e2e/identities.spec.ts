import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Locator } from "@playwright/test";
import { LeaseholdClient } from "../client/core/leasehold-client.ts";
import { awsAuthRoutes } from "../client/core/routes/aws-auth.ts";
import { dynamicSecretRoutes } from "../client/core/routes/dynamic-secrets.ts";
import { projectRoutes } from "../client/core/routes/projects.ts";
import { createIamUser } from "../server/modules/aws-auth/moto-principals.fixtures.ts";
import { signedLogin } from "../server/modules/aws-auth/signed-login.fixtures.ts";
import { SERVER_ID_HEADER } from "../shared/schemas/aws-auth.ts";
import { expect, firstAdmin, pageApi, signedInApi, test } from "./fixtures.ts";

/*
 * A machine identity from nothing to a revoked token: the three-step wizard (name and role,
 * AWS Auth, projects), a login through the API with an IAM user's keys (moto answers STS),
 * the token in the identity's list, and a revoke in the UI that makes the next call a 401.
 */
const motoUrl = process.env.LEASEHOLD_E2E_MOTO_URL!;
const baseURL = process.env.LEASEHOLD_E2E_BASE_URL!;

/** Waits for open/close animations to finish, so a screenshot shows the settled element. */
async function settled(locator: Locator) {
  await expect(locator).toBeVisible();
  await locator.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished)));
}

test("create an identity with AWS Auth and a project, log in from 'AWS', see the token, revoke it", async ({
  page,
  auth,
  saveScreenshot,
}) => {
  // The whole journey (wizard, login from a snippet, the CLI and profile tabs, token revoke) takes ~30 s on a busy
  // two-core machine: the default 30 s timeout is for one step, not for this.
  test.setTimeout(120_000);
  // Another journey may have left moto checking signatures; this one signs with real keys either way.
  await fetch(`${motoUrl}/moto-api/reset-auth`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: "1000000",
  });
  const machine = await createIamUser(motoUrl, { path: "/lambda/" });
  const name = `payments-lambda-${randomUUID().slice(0, 6)}`;
  await auth.signIn();

  await test.step("the Identities page, from the sidebar", async () => {
    await page.goto("/projects");
    await page.getByRole("link", { name: "Identities" }).click();
    await expect(page.getByRole("heading", { name: "Machine identities", level: 1 })).toBeVisible();
    await saveScreenshot("01-identities");
    await page.getByRole("link", { name: "Create identity" }).first().click();
    await expect(page).toHaveURL(/\/identities\/new/);
  });

  await test.step("step 1: name and org role", async () => {
    const steps = page.getByRole("list", { name: "Steps" });
    await expect(steps.locator("[aria-current=step]")).toContainText("Name and role");
    await page.getByRole("button", { name: "Create and continue" }).click();
    await expect(page.getByText("Enter a name")).toBeVisible();
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("radio", { name: /^Member/ }).check();
    await saveScreenshot("02-wizard-name");
    await page.getByRole("button", { name: "Create and continue" }).click();
    await expect(steps.locator("[aria-current=step]")).toContainText("AWS Auth");
  });

  await test.step("step 2: AWS Auth, refused while both allow-lists are empty", async () => {
    await expect(page.getByLabel("Token TTL")).toHaveValue("1h");
    // Asked, not assumed: no client is chosen until the person says which one will log in.
    const leaseholdClient = page.getByRole("radio", { name: /^Leasehold's CLI or client/ });
    await expect(leaseholdClient).not.toBeChecked();
    await expect(page.getByRole("radio", { name: /^Infisical's SDK, CLI or Kubernetes operator/ })).not.toBeChecked();
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText(/Allow at least one principal ARN or account ID/).first()).toBeVisible();
    await expect(page.getByText("Choose which client will log in")).toBeVisible();
    await leaseholdClient.check();
    await page.getByLabel("Allowed principal ARNs").fill("arn:aws:iam::123456789012:root");
    await page.getByLabel("Allowed principal ARNs").blur();
    await expect(page.getByText(/root principals cannot log in/)).toBeVisible();
    await page.getByText("Examples, and how wildcards match").click();
    await saveScreenshot("03-wizard-aws-auth-errors");

    await page.getByLabel("Allowed principal ARNs").fill(machine.arn);
    await page.getByLabel("Allowed AWS account IDs").fill("123456789012");
    await page.getByLabel("Token TTL").fill("30m");
    await expect(page.getByText("30m (1,800 seconds).")).toBeVisible();
    await page.getByLabel("Token max TTL").fill("12h");
    await page.getByRole("button", { name: "Add address or range" }).click();
    await page.getByRole("textbox", { name: "Trusted IP 3" }).fill("10.0.0.0/33");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText(/needs a prefix length from 0 to 32/)).toBeVisible();
    await page.getByRole("button", { name: "Remove trusted IP 3" }).click();
    await saveScreenshot("04-wizard-aws-auth");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByRole("list", { name: "Steps" }).locator("[aria-current=step]")).toContainText("Projects");
  });

  await test.step("step 3: add it to a project as a developer, then finish", async () => {
    await expect(page.getByText("Not in any project yet.")).toBeVisible();
    await page.getByLabel("Project", { exact: true }).selectOption({ label: firstAdmin.projectName });
    await page.getByLabel("Project role").selectOption({ label: "Developer" });
    await page.getByRole("button", { name: "Add to project" }).click();
    await expect(
      page.getByRole("table", { name: "Project memberships" }).getByRole("link", { name: firstAdmin.projectName }),
    ).toBeVisible();
    await saveScreenshot("05-wizard-projects");
    await page.getByRole("button", { name: "Finish" }).click();
    await expect(page).toHaveURL(/\/identities\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  });

  const identityId = page.url().split("/").pop()!;
  const projectId = await page
    .getByRole("link", { name: firstAdmin.projectName })
    .getAttribute("href")
    .then((href) => href!.split("/").pop()!);

  await test.step("the detail page shows the rules, the project, no tokens yet, and the login snippets", async () => {
    await expect(page.getByText(machine.arn)).toBeVisible();
    await expect(page.getByText("30 minutes").or(page.getByText("30m"))).toBeVisible();
    await expect(page.getByText("No active tokens")).toBeVisible();
    const snippet = page.getByLabel("Node.js snippet", { exact: true });
    await expect(snippet).toContainText(identityId);
    await expect(snippet).toContainText("x-leasehold-server-id");
    await expect(snippet).toContainText(baseURL);
    await saveScreenshot("06-identity-detail");
    await page.getByRole("tab", { name: "Python" }).click();
    await expect(page.getByLabel("Python snippet", { exact: true })).toContainText("SigV4Auth");
    await page.getByRole("button", { name: "Copy the Python snippet" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(identityId);
  });

  await test.step("the Leasehold CLI and AWS profile tabs are pre-filled with a secret it can lease", async () => {
    const admin = await signedInApi(page);
    const secretName = `e2e-cli-${Date.now().toString(36)}`;
    const { project } = await admin.call(projectRoutes.get, { params: { projectId } });
    await admin.call(dynamicSecretRoutes.create, {
      body: {
        projectSlug: project.slug,
        environmentSlug: "dev",
        name: secretName,
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { accessKey: "AKIAE2ECLITABS000000", secretAccessKey: "e".repeat(40), region: "eu-west-1" },
        },
      },
    });
    await page.reload();
    await page.getByRole("tab", { name: "Leasehold CLI" }).click();
    const cli = page.getByLabel("Leasehold CLI snippet", { exact: true });
    await expect(cli).toContainText(`leasehold login aws --url ${baseURL} --identity-id ${identityId}`);
    await expect(cli).toContainText("--secret");
    await page.getByRole("tab", { name: "AWS profile (credential_process)" }).click();
    const profile = page.getByLabel("AWS profile (credential_process) snippet", { exact: true });
    await expect(profile).toContainText("[profile leased]");
    await expect(profile).toContainText("credential_process = leasehold aws credential-process");
    await expect(profile).toContainText("region = ");
    await saveScreenshot("06b-identity-cli-snippets");
  });

  // The machine: no dashboard session, only its AWS keys and the signed request.
  const api = new LeaseholdClient({ baseUrl: baseURL });
  const { serverId } = (await pageApi(page).call(awsAuthRoutes.get, { params: { identityId } })).identityAwsAuth;

  await test.step("a login through the API, signed with the IAM user's keys, gets a token that works", async () => {
    const unbound = await api.send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId, credentials: machine.credentials }),
    });
    expect(unbound.status).toBe(401);
    expect(unbound.body.reasonCode).toBe("server_id_header_missing");

    const login = await api.send(awsAuthRoutes.login, {
      body: await signedLogin({
        identityId,
        credentials: machine.credentials,
        headers: { [SERVER_ID_HEADER]: serverId },
      }),
    });
    expect(login.status, login.text).toBe(200);
    expect(login.body).toMatchObject({ tokenType: "Bearer", expiresIn: 1800, accessTokenMaxTTL: 43200 });
    api.accessToken = login.body.accessToken;
    const project = await api.send(projectRoutes.get, { params: { projectId } });
    expect(project.status).toBe(200);
  });

  await test.step("the token shows up in the identity's token list", async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    const tokens = page.getByRole("table", { name: "Access tokens" });
    await expect(tokens.getByText(machine.arn)).toBeVisible();
    await expect(tokens.getByText("Active")).toBeVisible();
    // The table stacks when its columns do not fit (the principal ARN is long): a stacked cell is named with its
    // column's label as well ("Uses 1 / ∞"). Which layout it takes at 1280 px depends on the ARN's rendered width.
    await expect(tokens.getByRole("cell", { name: /^(Uses )?1 \/ ∞$/ })).toBeVisible();
    await saveScreenshot("07-token-listed");
  });

  await test.step("revoking it in the UI makes the next API call a 401", async () => {
    await page.getByRole("button", { name: /^Revoke the token created/ }).click();
    const dialog = page.getByRole("alertdialog", { name: "Revoke this token?" });
    await settled(dialog);
    await saveScreenshot("08-revoke-confirm");
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByText("No active tokens")).toBeVisible();
    await page.getByLabel("Show revoked and expired").check();
    await expect(page.getByRole("table", { name: "Access tokens" }).getByText("Revoked")).toBeVisible();
    await saveScreenshot("09-token-revoked");

    const after = await api.send(projectRoutes.get, { params: { projectId } });
    expect(after.status).toBe(401);
    expect(after.body.reasonCode).toBe("token_revoked");
  });

  await test.step("edit the AWS Auth rules and the identity in dialogs", async () => {
    await page.getByRole("button", { name: "Edit AWS Auth" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit AWS Auth" });
    await expect(dialog.getByLabel("Token TTL")).toHaveValue("30m");
    await dialog.getByLabel("Uses per token").fill("5");
    await dialog.getByLabel("Token max TTL").fill("10m");
    await dialog.getByRole("button", { name: "Save AWS Auth" }).click();
    await expect(dialog.getByText("The TTL cannot be longer than the max TTL")).toBeVisible();
    await dialog.getByLabel("Token max TTL").fill("2h");
    await settled(dialog);
    await saveScreenshot("10-edit-aws-auth");
    await dialog.getByRole("button", { name: "Save AWS Auth" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("AWS Auth saved").first()).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: /^5$/ })).toBeVisible();

    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog", { name: "Edit identity" });
    await edit.getByRole("textbox", { name: "Name" }).fill(`${name}-v2`);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name: `${name}-v2`, level: 1 })).toBeVisible();
  });

  await test.step("the list shows the identity with AWS Auth", async () => {
    await page.getByRole("link", { name: "Machine identities" }).click();
    await page.getByLabel("Search identities").fill(name);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.getByText("AWS Auth")).toBeVisible();
    await saveScreenshot("11-identities-list");
  });

  await test.step("neither the token nor the machine's secret key reached the server's log", async () => {
    const log = readFileSync(process.env.LEASEHOLD_E2E_SERVER_LOG!, "utf8");
    expect(log).toContain(identityId);
    expect(api.accessToken).toBeTruthy();
    expect(log.includes(api.accessToken!)).toBe(false);
    expect(log.includes(machine.credentials.secretAccessKey)).toBe(false);
  });
});
