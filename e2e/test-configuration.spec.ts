import { randomBytes, randomUUID } from "node:crypto";
import { CreateGroupCommand, IAMClient } from "@aws-sdk/client-iam";
import type { Locator, Page } from "@playwright/test";
import { projectRoutes } from "../client/core/routes/projects.ts";
import { expect, pageApi, test } from "./fixtures.ts";

/*
 * Test configuration in the Add Dynamic Secret form, at desktop and phone width (issue 12, item 6): a
 * mistyped group and a missing boundary are named in the check list and beside their fields, focus lands on
 * the first of those fields, and a keyboard user reaches the other through "Go to …". moto answers GetGroup
 * and GetPolicy; it does not implement the policy simulator, so the permissions check reads as skipped.
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

async function openAddForm(page: Page) {
  const { projects } = await pageApi(page).call(projectRoutes.list);
  const payments = projects.find((p) => p.name === "Payments")!;
  await page.goto(`/projects/${payments.id}/secrets`);
  await page.getByRole("button", { name: "Add Dynamic Secret" }).first().click();
  const form = page.getByRole("dialog", { name: "Add Dynamic Secret: AWS IAM" });
  await settled(form);
  return form;
}

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`Test configuration names the failing fields and focuses the first (${label})`, async ({
    page,
    auth,
    saveScreenshot,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(viewport);
    await auth.signIn();
    const group = `e2e-group-${randomUUID().slice(0, 6)}`;
    await iam.send(new CreateGroupCommand({ GroupName: group }));
    const form = await openAddForm(page);

    await form.getByLabel("Secret name").fill(`checked-${randomUUID().slice(0, 6)}`);
    await form.getByRole("tab", { name: "Access key" }).click();
    await form.getByLabel("Access key ID").fill(`AKIA${randomBytes(8).toString("hex").toUpperCase()}`);
    await form.getByLabel("Secret access key", { exact: true }).fill(randomBytes(20).toString("hex"));
    await form.getByLabel("IAM path").fill(`/e2e-${randomUUID().slice(0, 8)}/`);
    await form.getByLabel("Permission boundary ARN").fill("arn:aws:iam::123456789012:policy/no-such-boundary");
    await form.getByLabel("User groups").fill(`${group}, ${group}-typo`);

    await form.getByRole("button", { name: "Test configuration" }).click();
    const checks = form.getByRole("list", { name: "Configuration checks" });
    await expect(form.getByRole("status").filter({ hasText: "Some checks failed." })).toBeVisible();
    await expect(checks.getByRole("listitem").filter({ hasText: "User groups" })).toContainText("Failed");
    await expect(checks.getByRole("listitem").filter({ hasText: "Permissions boundary" })).toContainText("Failed");
    await expect(checks.getByRole("listitem").filter({ hasText: "IAM's policy simulator" })).toContainText("Skipped");

    // The boundary comes first on the page: focus is there, and each message sits under its own field.
    const boundary = form.getByLabel("Permission boundary ARN");
    const groups = form.getByLabel("User groups");
    await expect(boundary).toBeFocused();
    await expect(boundary).toHaveAttribute("aria-invalid", "true");
    await expect(groups).toHaveAttribute("aria-invalid", "true");
    await expect(groups).toHaveAccessibleDescription(new RegExp(`The group "${group}-typo" does not exist`));
    await saveScreenshot(`01-${label}-field-errors`);

    // Keyboard only: from the list, "Go to User groups" takes focus to that field.
    const goTo = form.getByRole("button", { name: "Go to User groups" });
    await goTo.focus();
    await page.keyboard.press("Enter");
    await expect(groups).toBeFocused();
    await groups.fill(group);
    await expect(groups).not.toHaveAttribute("aria-invalid", "true");

    // Nothing in the dialog overflows sideways, long ARNs included.
    const overflow = await form.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checks.scrollIntoViewIfNeeded();
    await saveScreenshot(`02-${label}-check-list`);
  });
}
