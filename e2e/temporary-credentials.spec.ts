import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { CreateRoleCommand, GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/*
 * Temporary credentials (an STS session per lease) from the Secret overview: add a dynamic secret that
 * assumes a role, generate a lease and see its three values once (the session token in both downloads),
 * find no Renew on it, revoke it, and see that the revoke was denied at AWS.
 */
const motoUrl = process.env.LEASEHOLD_E2E_MOTO_URL!;
const iam = new IAMClient({
  region: "us-east-1",
  endpoint: motoUrl,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});

async function settled(locator: Locator) {
  await expect(locator).toBeVisible();
  await locator.evaluate((element) =>
    Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
  );
}
const dialog = (page: Page, name: string | RegExp) => page.getByRole("dialog", { name });

async function downloaded(page: Page, button: Locator): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return readFile((await file.path())!, "utf8");
}

test("temporary credentials: add, generate once with a session token, no renew, revoke denied at AWS", async ({
  page,
  auth,
  saveScreenshot,
  consoleGuard,
}) => {
  consoleGuard.allow(
    /status of 400 .*\/api\/v1\/dynamic-secrets\)$/,
    "a max TTL of 13h is refused on purpose: the API answers 400 and the form shows AWS's 12-hour limit",
  );
  test.setTimeout(120_000);
  const roleName = `lh-e2e-${randomUUID().slice(0, 8)}`;
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }],
  };
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  await auth.signIn();
  const secretName = `session-${randomUUID().slice(0, 6)}`;

  const form = dialog(page, "Add Dynamic Secret: AWS IAM");
  await test.step("add a temporary-credentials secret: the IAM-user fields give way to session ones", async () => {
    await page.goto("/projects");
    await page.getByRole("link", { name: "Payments" }).first().click();
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();
    await page.getByRole("button", { name: "Add Dynamic Secret" }).first().click();
    await settled(form);
    await form.getByLabel("Secret name").fill(secretName);
    await form.getByLabel("Temporary credentials (STS session)").check();
    await expect(form.getByLabel("Max TTL")).toHaveValue("12h");
    await expect(form.getByLabel("IAM path")).toHaveCount(0);
    await expect(form.getByLabel("User groups")).toHaveCount(0);
    await expect(form.getByLabel("Session policy (JSON)")).toBeVisible();
    await form.getByLabel("Default TTL").fill("30m");
    await form.getByLabel("Max TTL").fill("13h");
    await form.getByLabel("Role ARN").fill(role.Role!.Arn!);
    await form.getByLabel("Username template").fill("{{identity.name}}-{{random 6}}");
    await saveScreenshot("01-temporary-form");
    await form.getByRole("button", { name: "Create dynamic secret" }).click();
    await expect(form.getByText(/longer than 12h: AWS limits an assumed-role session to 12 hours/)).toBeVisible();
    await form.getByLabel("Max TTL").fill("2h");
    await form.getByRole("button", { name: "Create dynamic secret" }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole("cell", { name: secretName, exact: true })).toBeVisible();
  });

  const ttlDialog = dialog(page, `Generate AWS credentials from “${secretName}”`);
  const credentials = dialog(page, `AWS credentials for “${secretName}”`);
  await test.step("generate: access key, secret and session token, once, in both downloads", async () => {
    await page.getByRole("row", { name: new RegExp(secretName) }).hover();
    await page.getByRole("button", { name: `Generate credentials from ${secretName}` }).click();
    await settled(ttlDialog);
    await ttlDialog.getByLabel("TTL", { exact: true }).fill("20m");
    await ttlDialog.getByRole("button", { name: "Generate" }).click();
    await settled(credentials);
    await expect(credentials.getByText(/Temporary credentials from AWS STS/)).toBeVisible();
    await expect(credentials.getByText(/secret access key and session token will not be shown again/)).toBeVisible();
    const token = (await credentials.locator("dd code").nth(2).textContent()) ?? "";
    expect(token.length).toBeGreaterThan(20);
    const profile = await downloaded(
      page,
      credentials.getByRole("button", { name: "Download ~/.aws/credentials profile" }),
    );
    expect(profile).toContain(`aws_session_token = ${token}`);
    const env = await downloaded(page, credentials.getByRole("button", { name: "Download .env" }));
    expect(env).toContain(`AWS_SESSION_TOKEN=${token}`);
    await saveScreenshot("02-temporary-credentials-once");
    await credentials.getByRole("button", { name: "I have saved them" }).click();
    await expect(credentials).toBeHidden();
  });

  const leases = page.getByRole("table", { name: `Leases of ${secretName}` });
  await test.step("the lease has no Renew; Revoke denies the session at AWS", async () => {
    await page.getByRole("button", { name: `Show leases of ${secretName}` }).click();
    await expect(leases.getByText("Active", { exact: true })).toBeVisible();
    await expect(leases.getByRole("button", { name: /^Renew lease/ })).toHaveCount(0);
    await leases.getByRole("button", { name: /^Revoke lease/ }).click();
    const confirm = page.getByRole("alertdialog", { name: /^Revoke lease .+\?$/ });
    await confirm.getByRole("button", { name: "Revoke lease" }).click();
    await expect(confirm).toBeHidden();
    await page.getByRole("tab", { name: "All" }).click();
    await expect(leases.getByText(/Denied at AWS/)).toBeVisible();
    await saveScreenshot("03-revoked-denied-at-aws");
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: "leasehold-revoked-sessions" }),
    );
    expect(decodeURIComponent(policy.PolicyDocument!)).toContain('"aws:userid"');
  });
});
