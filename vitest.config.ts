import { defineConfig } from "vitest/config";

// Vite resolves the package.json "imports" (#server/*, #shared/*, #web/*)
// natively, so no aliases are needed here.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: [
            "shared/**/*.test.ts",
            "server/**/*.unit.test.ts",
            "client/**/*.unit.test.ts",
            "scripts/**/*.unit.test.ts",
          ],
        },
      },
      {
        // The web app's own Vite config (React, TanStack Router, Tailwind).
        extends: "./vite.config.ts",
        test: {
          name: "web",
          environment: "jsdom",
          include: ["web/**/*.test.{ts,tsx}"],
          setupFiles: ["web/lib/testing/setup.ts"],
          // A test that fills in the dynamic secret form renders it a few dozen times in jsdom: seconds on a
          // shared 2-core machine, so 5 s (the default) fails tests that are only slow.
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: "integration",
          environment: "node",
          include: ["server/**/*.test.ts", "client/**/*.test.ts", "test/ground/**/*.test.ts"],
          exclude: ["server/**/*.unit.test.ts", "client/**/*.unit.test.ts", "**/node_modules/**"],
          globalSetup: ["test/ground/global-setup.ts"],
          setupFiles: ["test/ground/setup-env.ts"],
          // Real moto, real databases, real processes: generous, not infinite.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Separate processes, so a test that spawns or kills children, or
          // sets process.env, cannot disturb another file.
          pool: "forks",
          // Most of a test's time is spent waiting on moto, the database or a child process, and every test
          // names its own users, secrets and identities, so files run side by side: on a 2-core machine three
          // at a time took the PostgreSQL pass from ~390 s to ~285 s (vitest's default is one fewer than the cores).
          maxWorkers: 3,
        },
      },
    ],
  },
});
