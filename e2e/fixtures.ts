import { mkdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";
import { LeaseholdClient } from "../client/core/leasehold-client.ts";
import { authRoutes } from "../client/core/routes/auth.ts";

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

/**
 * The typed client (client/core) speaking through the page's own request context, so it carries the page's
 * session cookie, and whatever it signs in lands in the page: for seeding what a journey needs but does not test.
 * Writes carry the session's CSRF token and a same-origin Origin, as the dashboard's do.
 */
export function pageApi(page: Page): LeaseholdClient {
  const origin = new URL(process.env.LEASEHOLD_E2E_BASE_URL ?? page.url()).origin;
  let csrfToken: string | null = null;
  const viaPage: typeof fetch = async (input, init = {}) => {
    const answer = await page.request.fetch(String(input), {
      method: init.method ?? "GET",
      headers: { ...(init.headers as Record<string, string>), origin },
      ...(typeof init.body === "string" ? { data: init.body } : {}),
    });
    const body = await answer.body();
    const text = body.toString("utf8");
    // Sign-in, setup and the session check hand out the token that writes must carry.
    const token = /"csrfToken":"([^"]+)"/.exec(text)?.[1];
    if (token) csrfToken = token;
    return new Response(answer.status() === 204 ? null : text, { status: answer.status(), headers: answer.headers() });
  };
  return new LeaseholdClient({ baseUrl: origin, fetch: viaPage, session: { csrfToken: () => csrfToken } });
}

/** The page's typed API client, with the CSRF token of its current session read first. */
export async function signedInApi(page: Page): Promise<LeaseholdClient> {
  const api = pageApi(page);
  const { session } = await api.call(authRoutes.session);
  expect(session, "signedInApi needs a signed-in page").not.toBeNull();
  return api;
}

function authHelpers(page: Page): AuthHelpers {
  const api = pageApi(page);
  const helpers: AuthHelpers = {
    async needsSetup() {
      return (await api.call(authRoutes.setupStatus)).needsSetup;
    },
    async ensureSetupViaApi() {
      if (await helpers.needsSetup()) await api.call(authRoutes.setup, { body: firstAdmin });
    },
    async loginViaApi(credentials = firstAdmin) {
      await api.call(authRoutes.login, { body: { email: credentials.email, password: credentials.password } });
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

/** Console output a journey expects, each with the reason it is not a fault. */
interface Allowed {
  pattern: RegExp;
  reason: string;
}

export interface ConsoleGuard {
  /**
   * Lets console errors matching `pattern` pass, with the reason they are expected: a wrong password answers
   * 401, and Chromium logs every 4xx as "Failed to load resource". Each entry reads "<text> (<url>)".
   */
  allow(pattern: RegExp, reason: string): void;
  /** Also watches a page of another browser context (an invited colleague's). */
  watch(page: Page): void;
}

/** Nothing is allowed by default: a console error in normal use is a bug (issue 12). */
function consoleGuard(): ConsoleGuard & { unexpected(): string[] } {
  const allowed: Allowed[] = [];
  const seen: string[] = [];
  const guard = {
    allow(pattern: RegExp, reason: string) {
      allowed.push({ pattern, reason });
    },
    watch(page: Page) {
      page.on("console", (message) => {
        if (message.type() === "error") seen.push(`${message.text()} (${message.location().url || page.url()})`);
      });
      page.on("pageerror", (error) => seen.push(`Uncaught ${error.name}: ${error.message} (${page.url()})`));
    },
    unexpected: () => seen.filter((entry) => !allowed.some(({ pattern }) => pattern.test(entry))),
  };
  return guard;
}

/**
 * The page fits the window's width: nothing makes it scroll sideways (issue 12: at 390 px the page was 852 px
 * wide). On failure the message names the elements that stick out.
 */
export async function expectFitsWidth(page: Page, where = "") {
  const measure = () =>
    page.evaluate(() => {
      const width = window.innerWidth;
      const scrollWidth = document.documentElement.scrollWidth;
      const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((element) => element.getBoundingClientRect().right > width + 1)
        .filter((element) => !element.parentElement || element.parentElement.getBoundingClientRect().right <= width + 1)
        .slice(0, 5)
        .map((element) => `<${element.tagName.toLowerCase()} class="${String(element.className).slice(0, 80)}">`);
      // An open dialog scrolls on its own: content wider than the dialog would be cut off at its edge.
      const wideDialogs = [
        ...document.querySelectorAll<HTMLElement>(
          '[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]',
        ),
      ]
        .filter((dialog) => dialog.scrollWidth > dialog.clientWidth + 1)
        .map((dialog) => `"${dialog.querySelector("h2")?.textContent ?? "?"}" (${dialog.scrollWidth}px of content)`);
      return { scrollWidth, width, culprits, wideDialogs, fits: scrollWidth <= width && wideDialogs.length === 0 };
    });
  // A page still loading its data is measured again once it has settled.
  const deadline = Date.now() + 3_000;
  let last = await measure();
  while (!last.fits && Date.now() < deadline) {
    await page.waitForTimeout(200);
    last = await measure();
  }
  expect(
    last.fits,
    `${where || page.url()}: the page is ${last.scrollWidth}px wide in a ${last.width}px window ` +
      `(sticking out: ${last.culprits.join(", ") || "nothing"}); dialogs wider than themselves: ` +
      `${last.wideDialogs.join(", ") || "none"}`,
  ).toBe(true);
}

/** Goes to a section of the main navigation: the sidebar on a wide screen, the Menu sheet on a narrow one. */
export async function openSection(page: Page, label: string) {
  // The sidebar shows from 1024 px (app-shell.tsx); below, the Menu button opens the same links.
  if ((page.viewportSize()?.width ?? 1280) < 1024)
    await page.getByRole("button", { name: "Menu", exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
}

export const test = base.extend<{
  auth: AuthHelpers;
  /** Fails the test on any console error or uncaught page error it did not allow (see ConsoleGuard). */
  consoleGuard: ConsoleGuard;
  /**
   * Checks that the page fits the window's width, then saves a full-page screenshot as
   * e2e/screenshots/<spec>-<window width>-<name>.png (of `target`, default the page).
   */
  saveScreenshot: (name: string, target?: Page) => Promise<void>;
}>({
  auth: async ({ page }, use) => {
    await use(authHelpers(page));
  },
  consoleGuard: [
    async ({ page }, use, testInfo) => {
      const guard = consoleGuard();
      guard.watch(page);
      await use(guard);
      const unexpected = guard.unexpected();
      if (unexpected.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`Console errors during "${testInfo.title}":\n  ${unexpected.join("\n  ")}`);
      }
    },
    { auto: true },
  ],
  saveScreenshot: async ({ page }, use, testInfo) => {
    const spec = basename(testInfo.file).replace(/\.spec\.ts$/, "");
    mkdirSync(screenshotsDir, { recursive: true });
    await use(async (name, target = page) => {
      const width = target.viewportSize()?.width ?? 0;
      await expectFitsWidth(target, `${spec} ${name} at ${width}px`);
      // With a dialog open, the window as a person sees it (a full-page capture would pin the dialog to the top
      // of a long page).
      const modal = await target
        .locator('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]')
        .count();
      await target.screenshot({ path: `${screenshotsDir}${spec}-${width}-${name}.png`, fullPage: modal === 0 });
    });
  },
});

export { expect };
