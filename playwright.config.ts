import { defineConfig } from "@playwright/test";

// test/ground/e2e-setup.ts starts moto and the server and sets these before
// the workers load this file again, so every worker sees the same URLs:
//   LEASEHOLD_E2E_BASE_URL   the server (baseURL)
//   LEASEHOLD_E2E_MOTO_URL   moto, for specs that seed or inspect IAM
//   LEASEHOLD_E2E_SERVER_LOG the server's captured output
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
  // The first-run journey must meet a server that has never been set up, so it runs
  // first; every other journey signs in to the organisation it created.
  projects: [
    { name: "first-run", testMatch: /foundation\.spec\.ts$/ },
    { name: "journeys", testIgnore: /foundation\.spec\.ts$/, dependencies: ["first-run"] },
  ],
  use: {
    baseURL: process.env.LEASEHOLD_E2E_BASE_URL,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
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
