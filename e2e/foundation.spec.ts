import { expect, firstAdmin, test } from "./fixtures.ts";

const newMemberEmail = "bea.builder@example.test";

/*
 * The first journey on a fresh server: first-run setup, sign-in, a project with its default
 * environments, inviting a colleague, and signing out. Later specs rely on the admin it creates.
 */
test("first run: set up, log in, create a project, add a member, log out", async ({
  page,
  browser,
  auth,
  saveScreenshot,
  consoleGuard,
}) => {
  consoleGuard.allow(
    /status of 401 .*\/api\/v1\/auth\/login\)$/,
    "the last step signs in with a wrong password on purpose: the API answers 401 with the message shown",
  );
  await test.step("first-run setup creates the admin and opens the first project", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Set up Leasehold" })).toBeVisible();

    await page.getByLabel("Your name").fill(firstAdmin.name);
    await page.getByLabel("Email").fill(firstAdmin.email);
    await page.getByLabel("Password", { exact: true }).fill(firstAdmin.password);
    await page.getByLabel("Confirm password").fill(firstAdmin.password);
    await page.getByLabel("Organization name").fill(firstAdmin.organizationName);
    await page.getByLabel("First project name").fill(firstAdmin.projectName);
    await saveScreenshot("01-setup-form");
    await page.getByRole("button", { name: "Create admin account" }).click();

    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(firstAdmin.projectName);
    await saveScreenshot("02-setup-done");
  });

  await test.step("a signed-out visit goes to /login and comes back after logging in", async () => {
    await page.context().clearCookies();
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login\?redirect=%2Fprojects/);
    await saveScreenshot("03-login");

    await auth.loginViaUi();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: firstAdmin.projectName })).toBeVisible();
    await saveScreenshot("04-projects");
  });

  await test.step("create a project", async () => {
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Name").fill("Billing API");
    await saveScreenshot("05-new-project");
    await dialog.getByRole("button", { name: "Create project" }).click();

    await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Billing API");
    await saveScreenshot("06-project-created");
  });

  await test.step("the new project has dev, staging and prod", async () => {
    const tabs = page.getByRole("tablist", { name: "Environments" });
    await expect(tabs.getByRole("tab")).toHaveText(["Development", "Staging", "Production"]);
    await expect(tabs.getByRole("tab", { name: "Development" })).toHaveAttribute("aria-selected", "true");

    await tabs.getByRole("tab", { name: "Staging" }).click();
    await expect(page).toHaveURL(/[?&]env=staging/);
    const panel = page.getByRole("tabpanel", { name: "Staging" });
    await expect(panel.getByText("staging", { exact: true })).toBeVisible();
    await expect(panel.getByText("billing-api", { exact: true })).toBeVisible();
    await saveScreenshot("07-environments");
  });

  let setupLink = "";
  await test.step("add an organization member and see the one-time setup link", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Add member" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a member" });
    await dialog.getByLabel("Email").fill(newMemberEmail);
    await dialog.getByLabel("Organization role").selectOption("member");
    await dialog.getByRole("button", { name: "Add member" }).click();

    const result = page.getByRole("dialog", { name: `${newMemberEmail} was added` });
    await expect(result.getByText("It will not be shown again")).toBeVisible();
    const linkField = result.getByRole("textbox", { name: "Setup link" });
    await expect(linkField).toHaveValue(/\/accept-invite\?token=/);
    setupLink = await linkField.inputValue();

    await result.getByRole("button", { name: "Copy setup link" }).click();
    await expect(result.getByRole("status")).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(setupLink);
    await saveScreenshot("08-setup-link");

    await result.getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("row").filter({ hasText: newMemberEmail });
    await expect(row.getByText("Invited")).toBeVisible();
    await saveScreenshot("09-members");
  });

  await test.step("the invited person finishes signing up with the link", async () => {
    const context = await browser.newContext();
    const invitee = await context.newPage();
    consoleGuard.watch(invitee);
    await invitee.goto(setupLink);
    await invitee.getByLabel("Your name").fill("Bea Builder");
    await invitee.getByLabel("Password", { exact: true }).fill("another-long-passphrase");
    await invitee.getByLabel("Confirm password").fill("another-long-passphrase");
    await invitee.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(invitee).toHaveURL(/\/projects$/);
    await expect(invitee.getByRole("button", { name: "Account menu for Bea Builder" })).toBeVisible();
    await saveScreenshot("10-invitee-signed-in", invitee);
    await context.close();
  });

  await test.step("log out", async () => {
    await page.getByRole("button", { name: `Account menu for ${firstAdmin.name}` }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await saveScreenshot("11-logged-out");
  });

  await test.step("a wrong password shows the server's message", async () => {
    await page.getByLabel("Email").fill(firstAdmin.email);
    await page.getByLabel("Password").fill("not-the-right-password");
    await page.getByRole("button", { name: "Log in" }).click();

    const alert = page.getByRole("alert").filter({ hasText: /\S/ });
    await expect(alert).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    // The password field is cleared for the next attempt; the email stays.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByLabel("Email")).toHaveValue(firstAdmin.email);
    await saveScreenshot("12-wrong-password");
  });
});
