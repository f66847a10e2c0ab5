import { randomBytes, randomUUID } from "node:crypto";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { Locator, Page } from "@playwright/test";
import { expect, firstAdmin, openSection, test } from "./fixtures.ts";

/*
 * The journeys of the three jobs at 390 px, a phone (decision 1260): each journey's pages and primary actions,
 * through the Menu button instead of the sidebar, with every dialog and table on screen. The desktop specs
 * check the validation and failure paths, which do not depend on the width. Names carry "phone" and a
 * random suffix, so nothing collides with the desktop run in the shared database.
 */
const motoUrl = process.env.LEASEHOLD_E2E_MOTO_URL!;
const suffix = randomUUID().slice(0, 6);

/** Waits for open/close animations to finish, so a screenshot shows the settled element. */
async function settled(locator: Locator) {
  await expect(locator).toBeVisible();
  await locator.evaluate((element) =>
    Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
  );
}

/** A dialog is wholly inside the window: nothing of it to scroll to sideways. */
async function expectOnScreen(page: Page, dialog: Locator) {
  await settled(dialog);
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/**
 * The element is wholly on screen once the page (only the page) scrolls down to it: not hidden to the right
 * inside a table that scrolls sideways, which scrollIntoView would scroll and so hide.
 */
async function expectReachable(element: Locator) {
  await element.evaluate((node) => window.scrollBy(0, node.getBoundingClientRect().top - 200));
  await expect(element).toBeInViewport({ ratio: 1 });
}

async function openProject(page: Page, projectName: string) {
  await openSection(page, "Projects");
  await page.getByRole("link", { name: projectName }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(projectName);
}

test.describe.configure({ mode: "serial" });

test("phone: the menu, a new project and its pages", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  await page.goto("/projects");
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  await saveScreenshot("01-projects");

  await test.step("the sidebar gives way to a Menu button; Escape closes the menu and focus returns", async () => {
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    const menuButton = page.getByRole("button", { name: "Menu", exact: true });
    await menuButton.click();
    const menu = page.getByRole("dialog", { name: "Menu" });
    await expectOnScreen(page, menu);
    await expect(menu.getByRole("link")).toHaveText([
      "Projects",
      "Identities",
      "Members",
      "App connections",
      "Audit log",
    ]);
    await saveScreenshot("02-menu");
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(menuButton).toBeFocused();
  });

  const projectName = `Phone ${suffix}`;
  await test.step("create a project in a dialog that fits", async () => {
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await expectOnScreen(page, dialog);
    await dialog.getByLabel("Name").fill(projectName);
    await saveScreenshot("03-new-project");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(projectName);
    await saveScreenshot("04-project-overview");
  });

  await test.step("every project page, through the project links", async () => {
    const projectLinks = page.getByRole("navigation", { name: "Project" });
    for (const [link, name] of [
      ["Secrets", "05-project-secrets"],
      ["Members", "06-project-members"],
      ["Integrations", "07-project-integrations"],
      ["Settings", "08-project-settings"],
      ["Overview", "09-project-overview-again"],
    ] as const) {
      await projectLinks.getByRole("link", { name: link }).click();
      await expect(projectLinks.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
      await saveScreenshot(name);
    }
    await page.getByRole("tablist", { name: "Environments" }).getByRole("tab", { name: "Staging" }).click();
    await expect(page.getByRole("tabpanel", { name: "Staging" })).toBeVisible();
  });
});

test("phone: create an identity through the wizard", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  await page.goto("/projects");
  const name = `phone-machine-${suffix}`;
  await openSection(page, "Identities");
  await expect(page.getByRole("heading", { name: "Machine identities", level: 1 })).toBeFocused();
  await page.getByRole("link", { name: "Create identity" }).first().click();
  const current = page.getByRole("list", { name: "Steps" }).locator("[aria-current=step]");

  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("radio", { name: /^Member/ }).check();
  await saveScreenshot("10-wizard-name");
  await page.getByRole("button", { name: "Create and continue" }).click();
  await expect(current).toContainText("AWS Auth");

  await page.getByRole("radio", { name: /^Leasehold's CLI or client/ }).check();
  await page.getByLabel("Allowed principal ARNs").fill("arn:aws:iam::123456789012:role/phone-app");
  await saveScreenshot("11-wizard-aws-auth");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(current).toContainText("Projects");

  await page.getByLabel("Project", { exact: true }).selectOption({ label: firstAdmin.projectName });
  await page.getByLabel("Project role").selectOption({ label: "Developer" });
  await page.getByRole("button", { name: "Add to project" }).click();
  await expect(page.getByRole("table", { name: "Project memberships" })).toBeVisible();
  await saveScreenshot("12-wizard-projects");
  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await saveScreenshot("13-identity-detail");
});

test("phone: connect an AWS account with an access key", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  await page.goto("/projects");
  const name = `phone-keys-${suffix}`;
  await openSection(page, "App connections");
  await expect(page.getByRole("heading", { name: "App connections", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Add connection" }).first().click();
  await saveScreenshot("14-choose-method");
  await page.getByRole("button", { name: /Access Key/ }).click();
  await page.getByLabel("Connection name").fill(name);
  await page.getByLabel("Access key ID", { exact: true }).fill("AKIAIOSFODNN7EXAMPLE");
  await page.getByLabel("Secret access key", { exact: true }).fill("p".repeat(40));
  await saveScreenshot("15-access-key-form");
  await page
    .getByRole("form", { name: /^Connect with/ })
    .getByRole("button", { name: "Connect to AWS" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to AWS" })).toBeVisible();
  await saveScreenshot("16-connected");
  await page.getByRole("button", { name: "Back to connections" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(page.getByText(`${name} works`, { exact: true })).toBeVisible();
  await saveScreenshot("17-connections");
});

test("phone: a dynamic secret, a lease, renew and revoke", async ({ page, auth, saveScreenshot }) => {
  test.setTimeout(60_000);
  await auth.signIn();
  await page.goto("/projects");
  const secretName = `phone-${suffix}`;
  await openProject(page, firstAdmin.projectName);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();

  const form = page.getByRole("dialog", { name: "Add Dynamic Secret: AWS IAM" });
  await test.step("the Add Dynamic Secret form fits the phone", async () => {
    await page.getByRole("button", { name: "Add Dynamic Secret" }).first().click();
    await expectOnScreen(page, form);
    await form.getByLabel("Secret name").fill(secretName);
    await form.getByLabel("Max TTL").fill("3h");
    await form.getByRole("tab", { name: "Access key" }).click();
    await form.getByLabel("Access key ID").fill(`AKIA${randomBytes(8).toString("hex").toUpperCase()}`);
    await form.getByLabel("Secret access key", { exact: true }).fill("s".repeat(40));
    await form.getByLabel("IAM path").fill(`/phone-${suffix}/`);
    await saveScreenshot("18-secret-form");
    await form.getByRole("button", { name: "Create dynamic secret" }).click();
    await expect(form).toBeHidden();
  });

  const ttl = page.getByRole("dialog", { name: `Generate AWS credentials from “${secretName}”` });
  const credentials = page.getByRole("dialog", { name: `AWS credentials for “${secretName}”` });
  const generate = page.getByRole("button", { name: `Generate credentials from ${secretName}` });
  let username = "";
  await test.step("Generate is on screen in the stacked row; the credentials dialog fits", async () => {
    await expectReachable(generate);
    await saveScreenshot("19-secret-listed");
    await generate.click();
    await expectOnScreen(page, ttl);
    await ttl.getByRole("button", { name: "Generate" }).click();
    await expectOnScreen(page, credentials);
    username = (await credentials.locator("dd code").nth(2).textContent()) ?? "";
    await saveScreenshot("20-credentials");
    await credentials.getByRole("button", { name: "I have saved them" }).click();
    await expect(credentials).toBeHidden();
    await expect(generate).toBeFocused();
  });

  const leases = page.getByRole("table", { name: `Leases of ${secretName}` });
  await test.step("the lease, stacked, with Renew and Revoke on screen", async () => {
    await page.getByRole("button", { name: `Show leases of ${secretName}` }).click();
    await expect(leases.getByText(username, { exact: true })).toBeVisible();
    const renew = leases.getByRole("button", { name: `Renew lease ${username}` });
    await expectReachable(renew);
    await saveScreenshot("21-lease");
    await renew.click();
    const renewDialog = page.getByRole("dialog", { name: `Renew lease ${username}` });
    await expectOnScreen(page, renewDialog);
    await renewDialog.getByLabel("TTL", { exact: true }).fill("30m");
    await renewDialog.getByRole("button", { name: "Renew lease" }).click();
    await expect(renewDialog).toBeHidden();

    await leases.getByRole("button", { name: `Revoke lease ${username}` }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke lease ${username}?` });
    await expectOnScreen(page, confirm);
    await saveScreenshot("22-revoke-confirm");
    await confirm.getByRole("button", { name: "Revoke lease" }).click();
    await expect(page.getByRole("heading", { name: "No active leases" })).toBeVisible();
    await page.getByRole("tab", { name: "All" }).click();
    await expect(leases.getByText("Revoked", { exact: true })).toBeVisible();
    await saveScreenshot("23-revoked");
  });
});

test("phone: temporary credentials, with the session token", async ({ page, auth, saveScreenshot }) => {
  test.setTimeout(60_000);
  const iam = new IAMClient({
    region: "us-east-1",
    endpoint: motoUrl,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }],
  };
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: `phone-${suffix}`, AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  await auth.signIn();
  await page.goto("/projects");
  const secretName = `phone-session-${suffix}`;
  await openProject(page, firstAdmin.projectName);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();
  await page.getByRole("button", { name: "Add Dynamic Secret" }).first().click();
  const form = page.getByRole("dialog", { name: "Add Dynamic Secret: AWS IAM" });
  await expectOnScreen(page, form);
  await form.getByLabel("Secret name").fill(secretName);
  await form.getByLabel("Temporary credentials (STS session)").check();
  await form.getByLabel("Default TTL").fill("30m");
  await form.getByLabel("Max TTL").fill("2h");
  await form.getByLabel("Role ARN").fill(role.Role!.Arn!);
  await saveScreenshot("24-temporary-form");
  await form.getByRole("button", { name: "Create dynamic secret" }).click();
  await expect(form).toBeHidden();

  await page.getByRole("button", { name: `Generate credentials from ${secretName}` }).click();
  await page
    .getByRole("dialog", { name: `Generate AWS credentials from “${secretName}”` })
    .getByRole("button", { name: "Generate" })
    .click();
  const credentials = page.getByRole("dialog", { name: `AWS credentials for “${secretName}”` });
  await expectOnScreen(page, credentials);
  await expect(credentials.getByText(/secret access key and session token will not be shown again/)).toBeVisible();
  await saveScreenshot("25-temporary-credentials");
  await credentials.getByRole("button", { name: "I have saved them" }).click();

  const leases = page.getByRole("table", { name: `Leases of ${secretName}` });
  await page.getByRole("button", { name: `Show leases of ${secretName}` }).click();
  await leases.getByRole("button", { name: /^Revoke lease/ }).click();
  await page
    .getByRole("alertdialog", { name: /^Revoke lease .+\?$/ })
    .getByRole("button", { name: "Revoke lease" })
    .click();
  await page.getByRole("tab", { name: "All" }).click();
  await expect(leases.getByText(/Denied at AWS/)).toBeVisible();
  await saveScreenshot("26-temporary-revoked");
});

test("phone: invite a member, then the audit log", async ({ page, auth, saveScreenshot }) => {
  await auth.signIn();
  await page.goto("/projects");
  const email = `phone-${suffix}@example.test`;
  await openSection(page, "Members");
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a member" });
  await expectOnScreen(page, dialog);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Add member" }).click();
  const result = page.getByRole("dialog", { name: `${email} was added` });
  await expectOnScreen(page, result);
  await saveScreenshot("27-setup-link");
  await result.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: email }).getByText("Invited")).toBeVisible();
  await saveScreenshot("28-members");

  await openSection(page, "Audit log");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeFocused();
  await saveScreenshot("29-audit-log");
});
