import { randomBytes, randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/*
 * AWS IAM dynamic secrets from the Secret overview: add one (with a field error fixed on the
 * way, the live username preview and Test configuration), generate a lease and see its
 * credentials once, renew and revoke it, then a revocation AWS refuses, shown with its error,
 * next retry and Force revoke, and the orphan check that finds the user left behind.
 */
const motoUrl = process.env.LEASEHOLD_E2E_MOTO_URL!;

/** moto checks keys only after `n` more requests: 0 makes it refuse our made-up managing key at once. */
async function motoAuthAfter(n: number) {
  const res = await fetch(`${motoUrl}/moto-api/reset-auth`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: String(n),
  });
  expect(res.ok).toBe(true);
}

async function settled(locator: Locator) {
  await expect(locator).toBeVisible();
  // An animation cancelled by a re-render rejects its `finished`: that counts as settled too.
  await locator.evaluate((element) =>
    Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
  );
}

const dialog = (page: Page, name: string | RegExp) => page.getByRole("dialog", { name });

/** Toasts would cover the rows in the screenshots: read, then dismissed. */
async function dismissToasts(page: Page) {
  for (const button of await page.getByRole("button", { name: "Dismiss notification" }).all()) await button.click();
}

test.describe.configure({ mode: "serial" });

test("dynamic secrets: add, test, lease, renew, revoke, and a failed revocation forced", async ({
  page,
  auth,
  saveScreenshot,
  consoleGuard,
}) => {
  consoleGuard.allow(
    /status of 400 .*\/api\/v1\/dynamic-secrets\/leases\/[0-9a-f-]{36}\)$/,
    "moto refuses the managing key on purpose: the revoke answers 400 with AWS's reason, and the lease says so",
  );
  test.setTimeout(120_000);
  await auth.signIn();
  const secretName = `deployer-${randomUUID().slice(0, 6)}`;
  const awsPath = `/e2e-${randomUUID().slice(0, 8)}/`;
  const managingSecret = randomBytes(30)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "x")
    .slice(0, 40);

  await test.step("the Secret overview of a project starts empty", async () => {
    await page.goto("/projects");
    await page.getByRole("link", { name: "Payments" }).first().click();
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }).click();
    await expect(page.getByRole("heading", { name: "Secret overview" })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Development" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: "No dynamic secrets in dev:/" })).toBeVisible();
    await saveScreenshot("01-empty");
  });

  const form = dialog(page, "Add Dynamic Secret: AWS IAM");
  await test.step("add a dynamic secret: a bad path is refused beside its field", async () => {
    await page.getByRole("button", { name: "Add Dynamic Secret" }).first().click();
    await settled(form);
    await form.getByLabel("Secret name").fill(secretName);
    await form.getByLabel("Default TTL").fill("1h");
    await form.getByLabel("Max TTL").fill("3h");
    // A new secret starts on Assume role (recommended); this journey uses an access key.
    await expect(form.getByRole("tab", { name: "Assume role (recommended)" })).toHaveAttribute("aria-selected", "true");
    await form.getByRole("tab", { name: "Access key" }).click();
    await form.getByLabel("Access key ID").fill(`AKIA${randomBytes(8).toString("hex").toUpperCase()}`);
    await form.getByLabel("Secret access key", { exact: true }).fill(managingSecret);
    await form.getByLabel("IAM path").fill("e2e");
    await form.getByRole("button", { name: "Add tag" }).click();
    await form.getByLabel("Tag 1 key").fill("team");
    await form.getByLabel("Tag 1 value").fill("payments");
    await form.getByLabel("Username template").fill("{{identity.name}}-{{random 6}}");
    await expect(form.getByText(/Preview for you:/)).toBeVisible();
    await expect(form.getByText(/^Ada-Admin-[a-z0-9]{6}$/)).toBeVisible();
    await form.getByRole("button", { name: "Create dynamic secret" }).click();
    await expect(form.getByText(/An IAM path starts and ends with "\/"/)).toBeVisible();
    await saveScreenshot("02-form-field-error");
    await form.getByLabel("IAM path").fill(awsPath);
  });

  await test.step("Test configuration reports both checks", async () => {
    await form.getByRole("button", { name: "Test configuration" }).click();
    await expect(form.getByText("The configuration works.")).toBeVisible();
    await expect(form.getByText(/AWS accepted the credentials/)).toBeVisible();
    await saveScreenshot("03-test-configuration");
    await form.getByRole("button", { name: "Create dynamic secret" }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole("cell", { name: secretName, exact: true })).toBeVisible();
    await saveScreenshot("04-secret-listed");
  });

  const ttlDialog = dialog(page, `Generate AWS credentials from “${secretName}”`);
  const credentials = dialog(page, `AWS credentials for “${secretName}”`);
  let username = "";
  await test.step("Generate: the TTL is checked against the max, then the credentials show once", async () => {
    await page.getByRole("row", { name: new RegExp(secretName) }).hover();
    await page.getByRole("button", { name: `Generate credentials from ${secretName}` }).click();
    await settled(ttlDialog);
    await expect(ttlDialog.getByText("Default TTL 1h, max TTL 3h. Use 30m, 1h, 7d…")).toBeVisible();
    await ttlDialog.getByLabel("TTL", { exact: true }).fill("4h");
    await ttlDialog.getByRole("button", { name: "Generate" }).click();
    await expect(ttlDialog.getByText(/at most 3h/)).toBeVisible();
    await ttlDialog.getByLabel("TTL", { exact: true }).fill("30m");
    await ttlDialog.getByRole("button", { name: "Generate" }).click();
    await settled(credentials);
    await expect(credentials.getByText(/will not be shown again/)).toBeVisible();
    username = (await credentials.locator("dd code").nth(2).textContent()) ?? "";
    expect(username).toMatch(/^Ada-Admin-[a-z0-9]{6}$/);
    await credentials.getByRole("button", { name: "Copy secret access key" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    await expect(credentials.getByText(copied, { exact: true })).toBeVisible();
    await expect(credentials.getByRole("button", { name: "Download ~/.aws/credentials profile" })).toBeVisible();
    await expect(credentials.getByRole("button", { name: "Download .env" })).toBeVisible();
    await saveScreenshot("05-credentials-once");
    await credentials.getByRole("button", { name: "I have saved them" }).click();
    await expect(credentials).toBeHidden();
  });

  const leases = page.getByRole("table", { name: `Leases of ${secretName}` });
  await test.step("the lease list shows it live, with a countdown; Renew shows what remains", async () => {
    await page.getByRole("button", { name: `Show leases of ${secretName}` }).click();
    await expect(leases.getByText(username, { exact: true })).toBeVisible();
    await expect(leases.getByText("Active", { exact: true })).toBeVisible();
    await expect(leases.getByText(/^in (29m|30m)/)).toBeVisible();
    await leases.getByRole("button", { name: `Renew lease ${username}` }).click();
    const renew = dialog(page, `Renew lease ${username}`);
    await settled(renew);
    await expect(renew.getByText(/At most 2h 30m can still be added/)).toBeVisible();
    await saveScreenshot("06-renew");
    await renew.getByLabel("TTL", { exact: true }).fill("30m");
    await renew.getByRole("button", { name: "Renew lease" }).click();
    await expect(renew).toBeHidden();
    await expect(leases.getByText(/^in (59m|1h)/)).toBeVisible();
    await dismissToasts(page);
    await saveScreenshot("07-renewed");
  });

  await test.step("Revoke asks first, then the lease leaves the active list", async () => {
    await leases.getByRole("button", { name: `Revoke lease ${username}` }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke lease ${username}?` });
    await settled(confirm);
    await confirm.getByRole("button", { name: "Revoke lease" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole("heading", { name: "No active leases" })).toBeVisible();
    await page.getByRole("tab", { name: "All" }).click();
    await expect(
      page.getByRole("table", { name: `Leases of ${secretName}` }).getByText("Revoked", { exact: true }),
    ).toBeVisible();
    // A revoked lease says when and by whom, not the expiry it never reached.
    const leasesTable = page.getByRole("table", { name: `Leases of ${secretName}` });
    await expect(leasesTable.getByText(/^Revoked \d/)).toBeVisible();
    await expect(leasesTable.getByText(/^by ada\.admin@/)).toBeVisible();
    await dismissToasts(page);
    await saveScreenshot("08-revoked");
    await page.getByRole("tab", { name: "Active" }).click();
  });

  let stuck = "";
  await test.step("when AWS refuses the cleanup, the lease shows the error, next retry and Force revoke", async () => {
    await page.getByRole("button", { name: "New lease" }).click();
    await settled(ttlDialog);
    await ttlDialog.getByRole("button", { name: "Generate" }).click();
    await settled(credentials);
    stuck = (await credentials.locator("dd code").nth(2).textContent()) ?? "";
    await credentials.getByRole("button", { name: "I have saved them" }).click();

    await motoAuthAfter(0); // from now on AWS rejects the made-up managing key
    try {
      await leases.getByRole("button", { name: `Revoke lease ${stuck}` }).click();
      const confirm = page.getByRole("alertdialog", { name: `Revoke lease ${stuck}?` });
      await confirm.getByRole("button", { name: "Revoke lease" }).click();
      await expect(page.getByText(/does not recognise the access key/).first()).toBeVisible();
      await expect(leases.getByText("Revoke failed", { exact: true })).toBeVisible();
      // The failed lease's actions move to the row that explains the failure, closing the dialog.
      await expect(confirm).toBeHidden();
      await expect(leases.getByText(/Next retry .* \(attempt 2\)\. Leasehold keeps retrying/)).toBeVisible();
      await dismissToasts(page);
      await saveScreenshot("09-revoke-failed");

      await leases.getByRole("button", { name: `Force revoke lease ${stuck}` }).click();
      const force = page.getByRole("alertdialog", { name: `Force revoke ${stuck}?` });
      await settled(force);
      await expect(force.getByText(/without confirmation/)).toBeVisible();
      await saveScreenshot("10-force-revoke-confirm");
      await force.getByRole("button", { name: "Force revoke" }).click();
      await expect(force).toBeHidden();
      await page.getByRole("tab", { name: "All" }).click();
      await expect(
        leases.getByText(/Force-revoked by ada.admin@example.test: AWS cleanup was not confirmed/),
      ).toBeVisible();
      await dismissToasts(page);
      await saveScreenshot("11-force-revoked");
    } finally {
      await motoAuthAfter(1_000_000_000);
    }
  });

  await test.step("the orphan check finds the user a forced revoke left behind, and deletes it", async () => {
    await page.getByRole("button", { name: `More actions for ${secretName}` }).click();
    await page.getByRole("menuitem", { name: "Orphan check" }).click();
    const orphans = dialog(page, `Orphan check: “${secretName}”`);
    await settled(orphans);
    await orphans.getByRole("checkbox", { name: new RegExp(stuck) }).check();
    await saveScreenshot("12-orphan-check");
    await orphans.getByRole("button", { name: /Delete 1 selected/ }).click();
    await expect(orphans.getByText(/No orphaned IAM users/)).toBeVisible();
  });

  const serverLog = process.env.LEASEHOLD_E2E_SERVER_LOG;
  if (serverLog) {
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(serverLog, "utf8")).not.toContain(managingSecret);
  }
});
