import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { dynamicSecretRoutes } from "../client/core/routes/dynamic-secrets.ts";
import { projectRoutes } from "../client/core/routes/projects.ts";
import { expect, firstAdmin, signedInApi, test } from "./fixtures.ts";

/*
 * Keyboard only (issue 12): create an identity, generate a lease, revoke it, with Tab, Enter, Space, Escape and
 * the arrow keys, and no pointer. After each navigation focus is on the new page's heading, after each wizard
 * step on the step's heading, and after each dialog closes on what opened it (or, when that is gone, on the
 * nearest heading that remains).
 */
const MAX_TABS = 80;

/** Presses Tab (or Shift+Tab) until `target` has focus, as a person would; fails after MAX_TABS presses. */
async function tabTo(page: Page, target: Locator, { backwards = false } = {}) {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `not reached in ${MAX_TABS} presses of Tab`).toBeFocused();
}

/** Presses an arrow key until `done()` holds (a radio checked, a select's option chosen). */
async function arrowUntil(page: Page, key: "ArrowDown" | "ArrowUp" | "ArrowRight", done: () => Promise<boolean>) {
  for (let presses = 0; presses < 10 && !(await done()); presses++) await page.keyboard.press(key);
  expect(await done(), `${key} did not get there`).toBe(true);
}

const selectedLabel = (select: Locator) =>
  select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");

test("keyboard only: create an identity, generate a lease and revoke it", async ({ page, auth }) => {
  test.setTimeout(90_000);
  const suffix = randomUUID().slice(0, 6);
  const identityName = `keyboard-${suffix}`;
  const secretName = `keyboard-${suffix}`;
  const folder = `/keyboard-${suffix}`;
  await auth.signIn();
  await page.goto("/projects");
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();

  await test.step("the first load leaves focus at the top: Tab reaches Skip to content first", async () => {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  });

  await test.step("the sidebar link to Identities: focus lands on the new page's heading", async () => {
    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Identities" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/identities$/);
    await expect(page.getByRole("heading", { name: "Machine identities", level: 1 })).toBeFocused();
    await tabTo(page, main.getByRole("link", { name: "Create identity" }).first());
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/identities\/new/);
    await expect(page.getByRole("heading", { name: "Create identity", level: 1 })).toBeFocused();
  });

  await test.step("wizard step 1: name and role, then the next step's heading has focus", async () => {
    await tabTo(page, page.getByRole("textbox", { name: "Name" }));
    await page.keyboard.type(identityName);
    await tabTo(page, main.getByRole("radio").first());
    const member = page.getByRole("radio", { name: /^Member/ });
    await arrowUntil(page, "ArrowUp", () => member.isChecked());
    await tabTo(page, page.getByRole("button", { name: /continue/i }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "AWS Auth", level: 2 })).toBeFocused();
  });

  await test.step("wizard step 2: AWS Auth, the client chosen with the arrow keys", async () => {
    await tabTo(page, page.getByLabel("Allowed principal ARNs"));
    await page.keyboard.type("arn:aws:iam::123456789012:role/keyboard-app");
    const leaseholdClient = page.getByRole("radio", { name: /^Leasehold's CLI or client/ });
    await tabTo(page, page.getByRole("radio", { name: /^Infisical's SDK/ }));
    await page.keyboard.press("Space");
    await arrowUntil(page, "ArrowDown", () => leaseholdClient.isChecked());
    await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Projects", level: 2 })).toBeFocused();
  });

  await test.step("wizard step 3: a project membership chosen in selects, then Finish", async () => {
    const project = page.getByLabel("Project", { exact: true });
    await tabTo(page, project);
    await arrowUntil(page, "ArrowDown", async () => (await selectedLabel(project)) === firstAdmin.projectName);
    const role = page.getByLabel("Project role");
    await tabTo(page, role);
    await arrowUntil(page, "ArrowDown", async () => (await selectedLabel(role)) === "Developer");
    await tabTo(page, page.getByRole("button", { name: "Add to project" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("table", { name: "Project memberships" })).toContainText(firstAdmin.projectName);
    await tabTo(page, page.getByRole("button", { name: "Finish" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/identities\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: identityName, level: 1 })).toBeFocused();
  });

  await test.step("a dynamic secret to lease from, in a folder of its own (seeded through the API)", async () => {
    const api = await signedInApi(page);
    const { projects } = await api.call(projectRoutes.list);
    const project = projects.find((p) => p.name === firstAdmin.projectName)!;
    await api.call(dynamicSecretRoutes.create, {
      body: {
        projectSlug: project.slug,
        environmentSlug: "dev",
        path: folder,
        name: secretName,
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { accessKey: "AKIAE2EKEYBOARD00000", secretAccessKey: "k".repeat(40), region: "us-east-1" },
        },
      },
    });
  });

  await test.step("back to Projects, into the project and its Secrets, focus on each page's heading", async () => {
    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }), {
      backwards: true,
    });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeFocused();
    await tabTo(page, main.getByRole("link", { name: firstAdmin.projectName, exact: true }));
    await page.keyboard.press("Enter");
    const projectHeading = page.getByRole("heading", { level: 1, name: new RegExp(firstAdmin.projectName) });
    await expect(projectHeading).toBeFocused();
    await tabTo(page, page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Secrets" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/secrets/);
    await expect(projectHeading).toBeFocused();
  });

  await test.step("open the secret's folder by typing its path", async () => {
    await tabTo(page, page.getByLabel("Folder path"));
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(folder);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`path=${encodeURIComponent(folder)}`));
  });

  const generate = page.getByRole("button", { name: `Generate credentials from ${secretName}` });
  let username = "";
  await test.step("Generate: Enter in the TTL field leases; closing the credentials returns focus", async () => {
    await tabTo(page, generate);
    await page.keyboard.press("Enter");
    const ttl = page.getByRole("dialog", { name: `Generate AWS credentials from “${secretName}”` });
    await expect(ttl.getByLabel("TTL", { exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    const credentials = page.getByRole("dialog", { name: `AWS credentials for “${secretName}”` });
    await expect(credentials).toBeVisible();
    username = (await credentials.locator("dd code").nth(2).textContent()) ?? "";
    await tabTo(page, credentials.getByRole("button", { name: "I have saved them" }));
    await page.keyboard.press("Enter");
    await expect(credentials).toBeHidden();
    await expect(generate).toBeFocused();
  });

  const leases = page.getByRole("table", { name: `Leases of ${secretName}` });
  await test.step("Leases shows the lease list, and focus stays on the button", async () => {
    const showLeases = page.getByRole("button", { name: `Show leases of ${secretName}` });
    await tabTo(page, showLeases);
    await page.keyboard.press("Enter");
    await expect(leases.getByText(username, { exact: true })).toBeVisible();
    await expect(showLeases).toBeFocused();
  });

  await test.step("Revoke: Escape cancels to the button; confirmed, focus goes to what the list says", async () => {
    const revoke = leases.getByRole("button", { name: `Revoke lease ${username}` });
    await tabTo(page, revoke);
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("alertdialog", { name: `Revoke lease ${username}?` });
    // The safe choice has focus first, so Enter never revokes by accident.
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(confirm).toBeHidden();
    await expect(revoke).toBeFocused();

    await page.keyboard.press("Enter");
    await tabTo(page, confirm.getByRole("button", { name: "Revoke lease" }));
    await page.keyboard.press("Enter");
    await expect(confirm).toBeHidden();
    // The lease left the active list with its Revoke button: focus is on the heading that says so.
    await expect(page.getByRole("heading", { name: "No active leases" })).toBeFocused();
  });

  await test.step("the arrow keys move between the lease filters: All shows it revoked", async () => {
    await tabTo(page, page.getByRole("tab", { name: "Active" }), { backwards: true });
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("tab", { name: "All" })).toBeFocused();
    await expect(page.getByRole("tab", { name: "All" })).toHaveAttribute("aria-selected", "true");
    await expect(leases.getByText("Revoked", { exact: true })).toBeVisible();
  });
});
