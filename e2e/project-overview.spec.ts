import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { appConnectionRoutes } from "../client/core/routes/app-connections.ts";
import { authRoutes } from "../client/core/routes/auth.ts";
import { dynamicSecretRoutes } from "../client/core/routes/dynamic-secrets.ts";
import { identityRoutes } from "../client/core/routes/identities.ts";
import { leaseRoutes } from "../client/core/routes/leases.ts";
import { projectRoutes } from "../client/core/routes/projects.ts";
import { expect, firstAdmin, signedInApi, test } from "./fixtures.ts";

/*
 * Issue 12, items 5, 8, 9a and 9e, at 1280 px and 390 px: a new project's Overview with its next steps, the
 * Assume Role guide with Connect in reach, the same Overview once a lease exists (counts and activity), a
 * half-made identity finished or deleted from the list, and the audit log filtered by choices.
 */
const motoUrl = process.env.LEASEHOLD_E2E_MOTO_URL!;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

test.describe.configure({ mode: "serial" });

/** Nothing of `selector` reaches past the right edge of the window (no sideways scrolling for it). */
async function expectWithinWidth(page: Page, selector: string) {
  const overflow = await page.evaluate((css) => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll(css)]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .map((element) => `${element.tagName} ${element.textContent?.slice(0, 40)}`);
  }, selector);
  expect(overflow).toEqual([]);
}

/** What the window shows (a full-page capture would grow the window, and sticky bars with it). */
async function viewportShot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/project-overview-${name}.png` });
}

async function tabsControlExistingPanels(page: Page) {
  const missing = await page.evaluate(() =>
    [...document.querySelectorAll('[role="tab"]')]
      .filter((tab) => document.getElementById(tab.getAttribute("aria-controls") ?? "")?.role !== "tabpanel")
      .map((tab) => tab.textContent),
  );
  expect(missing).toEqual([]);
}

test("project overview, connect guide, half-made identities and audit-log filters at 1280 and 390 px", async ({
  page,
  auth,
  saveScreenshot,
}) => {
  test.setTimeout(150_000);
  // Another journey may have left moto checking signatures; this one uses made-up keys.
  await fetch(`${motoUrl}/moto-api/reset-auth`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: "1000000",
  });
  await auth.signIn();
  const suffix = randomUUID().slice(0, 6);
  const api = await signedInApi(page);
  const { session } = await api.call(authRoutes.session);
  const organizationId = session!.organization.id;
  const { project } = await api.call(projectRoutes.create, { body: { name: `Overview ${suffix}` } });
  const overview = `/projects/${project.id}`;
  const steps = page.getByRole("list", { name: "Setup steps" });

  await test.step("a new project: four steps to do, the first one next, and every tab names its panel", async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(overview);
    await expect(page.getByRole("heading", { name: "Next steps" })).toBeVisible();
    // An org-wide connection made by an earlier journey counts for every project: Connect AWS may be done already.
    await expect(page.getByText(/^[01] of 4 done$/)).toBeVisible();
    const next = steps.locator('li[aria-current="step"]');
    await expect(next).toHaveCount(1);
    await expect(next.getByText("Next step")).toBeVisible();
    await expect(page.getByText(/Nothing has happened in this project yet|Project created/).first()).toBeVisible();
    await page.getByRole("tab", { name: "Staging" }).click();
    await expect(page).toHaveURL(/env=staging/);
    await tabsControlExistingPanels(page);
    await saveScreenshot("01-new-project-1280");

    await page.setViewportSize(PHONE);
    await expectWithinWidth(page, "main section, main ol, main [role=tabpanel]");
    await saveScreenshot("02-new-project-390");
  });

  await test.step("'Connect AWS' opens the guide; at 390 px a bar keeps Connect in reach", async () => {
    const connect = steps.getByRole("link", { name: "Connect AWS" });
    if (await connect.count()) await connect.click();
    else await page.goto(`${overview}/app-connections/new`);
    await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/app-connections/new`));
    await page.getByRole("button", { name: /^Assume Role/ }).click();
    const bar = page.getByRole("region", { name: "Connect", exact: true });
    await expect(bar).toBeInViewport();
    await viewportShot(page, "03-guide-390");
    // Nothing typed yet: the bar's button runs the form's rules, which take focus to the first missing field.
    await bar.getByRole("button", { name: "Connect to AWS" }).click();
    await expect(page.getByLabel("Connection name")).toBeFocused();
    await expect(page.getByLabel("Connection name")).toBeInViewport();
    await expect(page.getByText("Enter a name").first()).toBeVisible();
    // Once the form's own button shows, the bar steps aside.
    await page
      .getByRole("form", { name: "Connect with a role" })
      .getByRole("button", { name: "Connect to AWS" })
      .scrollIntoViewIfNeeded();
    await expect(bar).toBeHidden();
  });

  await test.step("at 1280 px the Connect form stays beside the guide while it scrolls", async () => {
    await page.setViewportSize(DESKTOP);
    await page.evaluate(() => window.scrollTo(0, 0));
    const form = page.getByRole("form", { name: "Connect with a role" });
    const bar = page.getByRole("region", { name: "Connect", exact: true });
    await expect(form.getByLabel("Connection name")).toBeInViewport();
    await expect(bar.getByRole("button", { name: "Connect to AWS" })).toBeInViewport();
    await viewportShot(page, "04-guide-1280");
    // Deep in the guide, the form is still beside it, its own Connect button now on screen (and the bar gone).
    await page.getByRole("heading", { name: /Give the role its permissions/ }).evaluate((h) => h.scrollIntoView());
    await expect(form.getByLabel("Role ARN")).toBeInViewport();
    await expect(form.getByRole("button", { name: "Connect to AWS" })).toBeInViewport();
    await expect(bar).toBeHidden();
    await viewportShot(page, "04b-guide-1280-scrolled");
  });

  let leaseId = "";
  const location = { projectSlug: project.slug, environmentSlug: "dev", path: "/" };
  await test.step("once AWS is connected, a secret added, an identity given access and a lease made", async () => {
    await api.call(appConnectionRoutes.create, {
      body: {
        name: `overview-${suffix}`,
        method: "access-key",
        projectId: project.id,
        credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "e".repeat(40) },
      },
    });
    await api.call(dynamicSecretRoutes.create, {
      body: {
        ...location,
        name: "overview-admin",
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: {
            method: "access-key",
            accessKey: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
            secretAccessKey: "e".repeat(40),
            region: "us-east-1",
            awsPath: `/e2e-overview-${suffix}/`,
          },
        },
      },
    });
    const { identity } = await api.call(identityRoutes.create, {
      body: { name: `overview-bot-${suffix}`, organizationId },
    });
    await api.call(identityRoutes.addMembership, {
      params: { identityId: identity.id },
      body: { projectId: project.id, role: "developer" },
    });
    leaseId = (await api.call(leaseRoutes.create, { body: { ...location, dynamicSecretName: "overview-admin" } })).lease
      .id;

    await page.goto(`${overview}?env=dev`);
    await expect(page.getByRole("heading", { name: "Setup complete" })).toBeVisible();
    await expect(page.getByText("4 of 4 done")).toBeVisible();
    const numbers = page.getByLabel("Development in numbers");
    await expect(numbers.getByText("Active leases")).toBeVisible();
    await expect(numbers.locator("dd").nth(0)).toHaveText("1");
    await expect(numbers.locator("dd").nth(1)).toHaveText("1");
    const activity = page.getByRole("list", { name: "Recent activity" });
    await expect(activity.getByRole("listitem").first()).toContainText("Lease generated");
    await expect(activity).toContainText("Identity added to project");
    await saveScreenshot("05-set-up-1280");
    await page.setViewportSize(PHONE);
    await expectWithinWidth(page, "main section, main ol, main [role=tabpanel]");
    await saveScreenshot("06-set-up-390");
    await api.call(leaseRoutes.revoke, { params: { leaseId }, body: location });
  });

  await test.step("the project's connections: Test and Edit in words, Delete under More", async () => {
    await page.goto(`/projects/${project.id}/app-connections`);
    const name = `overview-${suffix}`;
    await expect(page.getByRole("button", { name: `Edit ${name}` })).toHaveText("Edit");
    await page.getByRole("button", { name: `More actions for ${name}` }).click();
    await expect(page.getByRole("menuitem", { name: "Delete" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: `More actions for ${name}` })).toBeFocused();
    await saveScreenshot("06b-connections-390");
    await page.setViewportSize(DESKTOP);
    await saveScreenshot("06c-connections-1280");
    await page.setViewportSize(PHONE);
  });

  await test.step("a half-made identity: Finish setup opens the wizard at AWS Auth; Delete asks first", async () => {
    const name = `half-made-${suffix}`;
    await api.call(identityRoutes.create, { body: { name, organizationId } });
    await page.goto(`/identities?search=${name}`);
    const finish = page.getByRole("link", { name: `Finish setup of ${name}` });
    await expect(finish).toBeVisible();
    await saveScreenshot("07-half-made-390");
    await page.getByRole("link", { name, exact: true }).click();
    const notice = page.getByRole("note", { name: "Setup not finished" });
    await expect(notice).toContainText(`${name} cannot log in`);
    await saveScreenshot("07b-half-made-page-390");
    await notice.getByRole("link", { name: `Finish setup of ${name}` }).click();
    await expect(page).toHaveURL(/\/identities\/new\?step=2&identityId=/);
    await expect(page.getByRole("list", { name: "Steps" }).locator("[aria-current=step]")).toContainText("AWS Auth");

    await page.goto(`/identities?search=${name}`);
    const more = page.getByRole("button", { name: `More actions for ${name}` });
    await more.click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Delete ${name}?` });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(more).toBeFocused();
    await more.click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await confirm.getByRole("button", { name: "Delete identity" }).click();
    await expect(page.getByText("No matching identities")).toBeVisible();
  });

  await test.step("the audit log filtered by choices: an action, an actor, a project and a range", async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto("/audit-log");
    await page.getByRole("combobox", { name: "Action" }).selectOption("lease.create");
    const actor = page.getByRole("combobox", { name: "Actor" });
    await expect(actor.locator("option", { hasText: firstAdmin.email })).toHaveCount(1);
    await actor.selectOption({ label: `${firstAdmin.name} (${firstAdmin.email})` });
    await page.getByRole("combobox", { name: "Project" }).selectOption({ label: project.name });
    await page.getByRole("combobox", { name: "When" }).selectOption("24h");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=lease\.create/);
    await expect(page).toHaveURL(/range=24h/);
    await expect(page).toHaveURL(new RegExp(`projectId=${project.id}`));
    const rows = page.getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("Lease generated");
    await saveScreenshot("08-audit-log-1280");
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Action" })).toHaveValue("lease.create");
    await expect(page.getByRole("combobox", { name: "When" })).toHaveValue("24h");
    await page.setViewportSize(PHONE);
    await saveScreenshot("09-audit-log-390");
  });
});
