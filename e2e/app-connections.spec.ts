import { randomUUID } from "node:crypto";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { Locator, Page } from "@playwright/test";
import { authRoutes } from "../client/core/routes/auth.ts";
import { expect, pageApi, test } from "./fixtures.ts";

/*
 * Connecting AWS accounts: the Assume Role wizard at the organization and at a project (with the
 * trust policy naming Leasehold's principal and the scope's External ID), the Access Key wizard,
 * the copy buttons, a translated AWS error beside its field, and the list's Test, Edit and Delete.
 */
const motoUrl = process.env.LEASEHOLD_E2E_MOTO_URL!;
const iam = new IAMClient({
  region: "us-east-1",
  endpoint: motoUrl,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});

async function createRole(name: string) {
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }],
  };
  const res = await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  return res.Role!.Arn!;
}

/** moto checks keys and signatures only after `n` more requests; a huge n turns that off again. */
async function motoAuthAfter(n: number) {
  const res = await fetch(`${motoUrl}/moto-api/reset-auth`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: String(n),
  });
  expect(res.ok).toBe(true);
}

/** Waits for open/close animations to finish, so a screenshot shows the settled dialog. */
async function settled(locator: Locator) {
  await expect(locator).toBeVisible();
  await locator.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished)));
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Clicks a copy button and returns what landed on the clipboard. */
async function copy(page: Page, buttonName: string) {
  await page.getByRole("button", { name: buttonName }).click();
  return clipboard(page);
}

test.describe.configure({ mode: "serial" });

test("an organization connection by Assume Role, end to end", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  const { session } = await pageApi(page).call(authRoutes.session);
  const orgId = session!.organization.id;
  const roleArn = await createRole(`leasehold-org-${randomUUID().slice(0, 8)}`);

  await test.step("the empty list offers to add a connection", async () => {
    await page.goto("/projects");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "App connections" }).click();
    await expect(page.getByRole("heading", { name: "App connections", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No AWS connections yet" })).toBeVisible();
    await saveScreenshot("01-org-empty");
  });

  await test.step("choose the method", async () => {
    await page.getByRole("link", { name: "Add connection" }).first().click();
    await expect(page.getByRole("heading", { name: "Connect an AWS account" })).toBeVisible();
    await saveScreenshot("02-choose-method");
    await page.getByRole("button", { name: /Assume Role/ }).click();
    await expect(page).toHaveURL(/method=assume-role/);
  });

  await test.step("Leasehold's principal, the External ID and the trust policy", async () => {
    const card = page.getByRole("region", { name: "Leasehold's AWS principal" });
    await expect(card.getByText("arn:aws:sts::123456789012:user/moto")).toBeVisible();
    await expect(page.getByLabel("External ID", { exact: true })).toHaveText(orgId);
    expect(await copy(page, "Copy External ID")).toBe(orgId);

    const shown = await page.getByLabel("Trust policy", { exact: true }).textContent();
    expect(await copy(page, "Copy trust policy")).toBe(shown);
    const trust = JSON.parse(shown!);
    expect(trust.Statement[0].Principal.AWS).toBe("arn:aws:sts::123456789012:user/moto");
    expect(trust.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe(orgId);
    await saveScreenshot("03-assume-role-trust");
  });

  await test.step("the permission policy builder merges the chosen use cases", async () => {
    await page.getByLabel("Secrets Manager").check();
    await page.getByLabel("Certificate Manager").check();
    await page.getByLabel("IAM path for the created users").fill("/leasehold/ci/");
    const shown = await page.getByLabel("Permission policy", { exact: true }).textContent();
    expect(await copy(page, "Copy permission policy")).toBe(shown);
    const policy = JSON.parse(shown!);
    const resources = policy.Statement.map((s: { Resource: string }) => s.Resource);
    expect(resources).toContain("arn:aws:iam::*:user/leasehold/ci/*");
    expect(resources.filter((r: string) => r === "*")).toHaveLength(1);
    await page.getByLabel("IAM path for the created users").fill("leasehold");
    await expect(page.getByText("A path starts and ends with /")).toBeVisible();
    await page.getByLabel("IAM path for the created users").fill("/leasehold/ci/");
    await saveScreenshot("04-permission-policy");
  });

  await test.step("the role ARN is checked as typed, then Connect to AWS shows the assumed identity", async () => {
    await page.getByLabel("Connection name").fill("prod-aws");
    const roleInput = page.getByLabel("Role ARN", { exact: true });
    await roleInput.fill("arn:aws:iam::123456789012:user/not-a-role");
    await expect(page.getByText("Enter the ARN of an IAM role")).toBeVisible();
    await expect(roleInput).toHaveAttribute("aria-invalid", "true");
    await roleInput.fill(roleArn);
    await expect(page.getByText("Enter the ARN of an IAM role")).toHaveCount(0);
    await expect(page.getByText(/in account\s*123456789012/)).toBeVisible();
    await page
      .getByLabel("STS endpoint (optional)")
      .selectOption({ label: "eu-west-1: https://sts.eu-west-1.amazonaws.com/" });
    await saveScreenshot("05-connect-form");
    await page
      .getByRole("form", { name: /^Connect with/ })
      .getByRole("button", { name: "Connect to AWS" })
      .click();

    const done = page.getByRole("status").filter({ hasText: "Connected to AWS" });
    await expect(done).toBeVisible();
    await expect(done.getByText(new RegExp(`assumed-role/${roleArn.split("/").pop()}/leasehold-`))).toBeVisible();
    await saveScreenshot("06-connected");
  });

  await test.step("the list shows it, and Test checks it again", async () => {
    await page.getByRole("button", { name: "Back to connections" }).click();
    const row = page.getByRole("row", { name: /prod-aws/ });
    await expect(row.getByText("Assume Role", { exact: true })).toBeVisible();
    await expect(row.getByText("Organization", { exact: true })).toBeVisible();
    await expect(row.getByText("Connected", { exact: true })).toBeVisible();
    await expect(row.getByText(roleArn)).toBeVisible();
    await row.getByRole("button", { name: "Test prod-aws" }).click();
    await expect(page.getByText("prod-aws works", { exact: true })).toBeVisible();
    await saveScreenshot("07-org-list");
  });
});

test("a project connection: its External ID is the project's", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  const roleArn = await createRole(`leasehold-project-${randomUUID().slice(0, 8)}`);
  await page.goto("/projects");
  await page.getByRole("link", { name: "Payments" }).first().click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
  const projectId = /\/projects\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { name: "App connections" })).toBeVisible();
  // The organization's connection is usable here, and managed at the organization.
  const orgRow = page.getByRole("row", { name: /prod-aws/ });
  await expect(orgRow.getByText("Organization", { exact: true })).toBeVisible();
  await expect(orgRow.getByRole("button", { name: "Test prod-aws" })).toHaveCount(0);
  await saveScreenshot("08-project-list");

  await page.getByRole("link", { name: "Add connection" }).click();
  await page.getByRole("button", { name: /Assume Role/ }).click();
  await expect(page.getByLabel("External ID", { exact: true })).toHaveText(projectId);
  const trust = JSON.parse((await page.getByLabel("Trust policy", { exact: true }).textContent())!);
  expect(trust.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe(projectId);
  expect(await copy(page, "Copy trust policy")).toBe(JSON.stringify(trust, null, 2));
  await saveScreenshot("09-project-trust");

  await page.getByLabel("Connection name").fill("payments-aws");
  await page.getByLabel("Role ARN", { exact: true }).fill(roleArn);
  await page
    .getByRole("form", { name: /^Connect with/ })
    .getByRole("button", { name: "Connect to AWS" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to AWS" })).toBeVisible();
  await page.getByRole("button", { name: "Back to connections" }).click();
  const row = page.getByRole("row", { name: /payments-aws/ });
  await expect(row.getByText("Project", { exact: true })).toBeVisible();
  await saveScreenshot("10-project-connected");
});

test("Access Key: a refused key is explained beside its field, a good one connects", async ({
  page,
  auth,
  saveScreenshot,
  consoleGuard,
}) => {
  consoleGuard.allow(
    /status of 400 .*\/api\/v1\/app-connections\/aws\)$/,
    "AWS refuses the made-up key on purpose: the API answers 400 and the form shows why beside the field",
  );
  await auth.signIn();
  await page.goto("/organization/app-connections/new");
  await page.getByRole("button", { name: /Access Key/ }).click();
  await expect(page.getByLabel("Permission policy", { exact: true })).toBeVisible();

  await page.getByLabel("Connection name").fill("ci-keys");
  await page.getByLabel("Access key ID", { exact: true }).fill("AKIAZZZZZZZZZZZZZZZZ");
  const secret = page.getByLabel("Secret access key", { exact: true });
  await secret.fill("not-the-real-secret-0000000000000000000000");
  await expect(secret).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show secret access key" }).click();
  await expect(secret).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Show secret access key" }).click();
  await saveScreenshot("11-access-key-form");

  // moto now checks keys: the unknown key is refused by AWS, and the reason lands on its field.
  await motoAuthAfter(0);
  try {
    await page
      .getByRole("form", { name: /^Connect with/ })
      .getByRole("button", { name: "Connect to AWS" })
      .click();
    const keyId = page.getByLabel("Access key ID", { exact: true });
    await expect(keyId).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("AWS does not recognise the access key AKIAZZZZZZZZZZZZZZZZ")).toBeVisible();
    await saveScreenshot("12-access-key-refused");
  } finally {
    await motoAuthAfter(1_000_000_000);
  }

  await page.getByLabel("Access key ID", { exact: true }).fill("AKIAIOSFODNN7EXAMPLE");
  await page
    .getByRole("form", { name: /^Connect with/ })
    .getByRole("button", { name: "Connect to AWS" })
    .click();
  const done = page.getByRole("status").filter({ hasText: "Connected to AWS" });
  await expect(done.getByText("IAM user")).toBeVisible();
  await expect(done.getByText("arn:aws:sts::123456789012:user/moto")).toBeVisible();
  await saveScreenshot("13-access-key-connected");
});

test("without working AWS credentials, the principal card explains how to give Leasehold some", async ({
  page,
  auth,
  saveScreenshot,
}) => {
  await auth.signIn();
  // moto now refuses the server's own keys, as AWS would refuse deleted ones.
  await motoAuthAfter(0);
  try {
    await page.goto("/organization/app-connections/new?method=assume-role");
    const card = page.getByRole("region", { name: "Leasehold's AWS principal" });
    await expect(card.getByText("Leasehold has no working AWS credentials yet.")).toBeVisible();
    await expect(card.getByText(/InvalidClientTokenId/)).toBeVisible();
    await expect(card.getByText("INF_APP_CONNECTION_AWS_ACCESS_KEY_ID=AKIA…")).toBeVisible();
    const policy = await card.getByLabel("Inline policy for Leasehold's principal", { exact: true }).textContent();
    expect(await copy(page, "Copy inline policy for leasehold's principal")).toBe(policy);
    expect(JSON.parse(policy!).Statement[0]).toMatchObject({
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
      Resource: "arn:aws:iam::*:role/*",
    });
    // The trust policy still renders, with a placeholder where the principal goes.
    await expect(page.getByText("The policy below has a placeholder principal")).toBeVisible();
    expect(await page.getByLabel("Trust policy", { exact: true }).textContent()).toContain("<LEASEHOLD_ACCOUNT_ID>");
    await saveScreenshot("17-no-server-credentials");
  } finally {
    await motoAuthAfter(1_000_000_000);
  }
});

test("edit, and delete with confirmation", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  await page.goto("/organization/app-connections");
  await page.getByRole("button", { name: "Edit ci-keys" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit ci-keys" });
  await dialog.getByLabel("Description (optional)").fill("Keys of the CI user");
  await settled(dialog);
  await saveScreenshot("14-edit");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: /ci-keys/ }).getByText("Keys of the CI user")).toBeVisible();

  await page.getByRole("button", { name: "More actions for ci-keys" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete ci-keys?" });
  await settled(confirm);
  await saveScreenshot("15-delete-confirm");
  await confirm.getByRole("button", { name: "Delete connection" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row", { name: /ci-keys/ })).toHaveCount(0);
  await expect(page.getByText("Connection ci-keys deleted", { exact: true })).toBeVisible();
  await saveScreenshot("16-after-delete");
});
