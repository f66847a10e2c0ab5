import { defineConfig } from "@playwright/test";

// test/ground/e2e-setup.ts starts moto and the server and sets these before
// the workers load this file again, so every worker sees the same URLs:
//   LEASEHOLD_E2E_BASE_URL   the server (baseURL)
//   LEASEHOLD_E2E_MOTO_URL   moto, for specs that seed or inspect IAM
//   LEASEHOLD_E2E_SERVER_LOG the server's captured output
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const tablet = { width: 768, height: 1024 };

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./test/ground/e2e-setup.ts",
  // One server and one database for the whole run: journeys run in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI === "true",
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // Failure screenshots and traces, beside the screenshots the specs save in
  // e2e/screenshots/ (git-ignored). Playwright empties this folder per run.
  outputDir: "e2e/screenshots/results",
  reporter: [["list"]],
  // The first-run journey must meet a server that has never been set up, so it runs first; every other
  // spec signs in to the organisation it created. The journeys run in full at desktop width; at 390 px
  // (a phone) phone.spec.ts walks each journey's pages and primary actions, and layout.spec.ts visits every
  // page at 390 px and 768 px (a tablet) to check that nothing scrolls sideways (decision 1260).
  // Each spec makes its own names, so the widths never collide in the shared database.
  projects: [
    { name: "first-run", testMatch: /foundation\.spec\.ts$/, use: { viewport: desktop } },
    {
      name: "desktop",
      testIgnore: [/foundation\.spec\.ts$/, /phone\.spec\.ts$/, /layout\.spec\.ts$/],
      dependencies: ["first-run"],
      use: { viewport: desktop },
    },
    {
      name: "phone",
      testMatch: [/phone\.spec\.ts$/, /layout\.spec\.ts$/],
      dependencies: ["first-run"],
      use: { viewport: phone },
    },
    { name: "tablet", testMatch: /layout\.spec\.ts$/, dependencies: ["first-run"], use: { viewport: tablet } },
  ],
  use: {
    baseURL: process.env.LEASEHOLD_E2E_BASE_URL,
    browserName: "chromium",
    permissions: ["clipboard-read", "clipboard-write"],
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: `playwright install` is never run here.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox", // we are root in a container
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
