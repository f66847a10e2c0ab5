import { mkdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";

/**
 * The first admin every journey uses. Specs run in file order against one fresh server,
 * so the first spec to need an account creates it and later specs log in with it.
 */
export const firstAdmin = {
  name: "Ada Admin",
  email: "ada.admin@example.test",
  password: "correct-horse-battery-staple",
  organizationName: "Acme Corp",
  projectName: "Payments",
} as const;

interface Credentials {
  email: string;
  password: string;
}

export interface AuthHelpers {
  /** Whether the server still waits for first-run setup. */
  needsSetup(): Promise<boolean>;
  /** Completes first-run setup via the API unless someone already has; signs the page in when it does. */
  ensureSetupViaApi(): Promise<void>;
  /** Signs in through the API; the session cookie lands in this page's browser context. */
  loginViaApi(credentials?: Credentials): Promise<void>;
  /** Signs in through the login form, as a person would, and waits to leave /login. */
  loginViaUi(credentials?: Credentials): Promise<void>;
  /** Setup if needed, then a signed-in page: the usual start of a journey spec. */
  signIn(credentials?: Credentials): Promise<void>;
}

const screenshotsDir = fileURLToPath(new URL("./screenshots/", import.meta.url));

// page.request shares the browser context's cookie jar, so API sign-ins carry over to the page.
async function expectOk(request: APIRequestContext, path: string, data?: unknown) {
  const response = data === undefined ? await request.get(path) : await request.post(path, { data });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return response.json();
}

function authHelpers(page: Page): AuthHelpers {
  const helpers: AuthHelpers = {
    async needsSetup() {
      const status = await expectOk(page.request, "/api/v1/setup/status");
      return status.needsSetup === true;
    },
    async ensureSetupViaApi() {
      if (await helpers.needsSetup()) await expectOk(page.request, "/api/v1/setup", firstAdmin);
    },
    async loginViaApi(credentials = firstAdmin) {
      await expectOk(page.request, "/api/v1/auth/login", { email: credentials.email, password: credentials.password });
    },
    async loginViaUi(credentials = firstAdmin) {
      if (!new URL(page.url(), "http://x").pathname.startsWith("/login")) await page.goto("/login");
      await page.getByLabel("Email").fill(credentials.email);
      await page.getByLabel("Password").fill(credentials.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page).not.toHaveURL(/\/login/);
    },
    async signIn(credentials = firstAdmin) {
      await helpers.ensureSetupViaApi();
      await helpers.loginViaApi(credentials);
    },
  };
  return helpers;
}

export const test = base.extend<{
  auth: AuthHelpers;
  /** Saves a full-page screenshot as e2e/screenshots/<spec name>-<name>.png (of `target`, default the page). */
  saveScreenshot: (name: string, target?: Page) => Promise<void>;
}>({
  auth: async ({ page }, use) => {
    await use(authHelpers(page));
  },
  saveScreenshot: async ({ page }, use, testInfo) => {
    const spec = basename(testInfo.file).replace(/\.spec\.ts$/, "");
    mkdirSync(screenshotsDir, { recursive: true });
    await use(async (name, target = page) => {
      await target.screenshot({ path: `${screenshotsDir}${spec}-${name}.png`, fullPage: true });
    });
  },
});

export { expect };
