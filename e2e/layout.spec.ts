import { randomUUID } from "node:crypto";
import { authRoutes } from "../client/core/routes/auth.ts";
import { dynamicSecretRoutes } from "../client/core/routes/dynamic-secrets.ts";
import { identityRoutes } from "../client/core/routes/identities.ts";
import { leaseRoutes } from "../client/core/routes/leases.ts";
import { projectRoutes } from "../client/core/routes/projects.ts";
import { expect, expectFitsWidth, firstAdmin, signedInApi, test } from "./fixtures.ts";

/*
 * Every page of the dashboard at the width of this project (390 px for "phone", 768 px for "tablet"):
 * nothing scrolls sideways, and a screenshot of each to look at. The pages show real content: a dynamic
 * secret with a live lease and an identity are seeded through the API first.
 */
test("every page fits the window, with its content", async ({ page, auth, saveScreenshot, consoleGuard }) => {
  test.setTimeout(120_000);
  consoleGuard.allow(
    /status of 404.*\/api\/v1\/projects\/00000000-0000-4000-8000-000000000000/,
    "the not-found page is reached through a project the API does not know",
  );
  await auth.signIn();
  const width = page.viewportSize()?.width ?? 0;
  const suffix = `${width}-${randomUUID().slice(0, 6)}`;
  const api = await signedInApi(page);
  const { projects } = await api.call(projectRoutes.list);
  const project = projects.find((p) => p.name === firstAdmin.projectName)!;
  await page.goto("/projects");
  const secretName = `layout-${suffix}`;
  await api.call(dynamicSecretRoutes.create, {
    body: {
      projectSlug: project.slug,
      environmentSlug: "dev",
      name: secretName,
      defaultTTL: "1h",
      maxTTL: "4h",
      provider: {
        type: "aws-iam",
        inputs: { accessKey: "AKIAE2ELAYOUT0000000", secretAccessKey: "l".repeat(40), region: "eu-west-1" },
      },
    },
  });
  await api.call(leaseRoutes.create, {
    body: { dynamicSecretName: secretName, projectSlug: project.slug, environmentSlug: "dev", ttl: "30m" },
  });
  const { session } = await api.call(authRoutes.session);
  const { identity } = await api.call(identityRoutes.create, {
    body: { name: `layout-machine-${suffix}`, organizationId: session!.organization.id },
  });

  const pages: [name: string, path: string, heading: string | RegExp][] = [
    ["projects", "/projects", "Projects"],
    ["project-overview", `/projects/${project.id}`, new RegExp(firstAdmin.projectName)],
    ["project-secrets", `/projects/${project.id}/secrets?secret=${secretName}`, new RegExp(firstAdmin.projectName)],
    ["project-members", `/projects/${project.id}/members`, new RegExp(firstAdmin.projectName)],
    ["project-integrations", `/projects/${project.id}/app-connections`, new RegExp(firstAdmin.projectName)],
    [
      "project-connect",
      `/projects/${project.id}/app-connections/new?method=assume-role`,
      new RegExp(firstAdmin.projectName),
    ],
    ["project-settings", `/projects/${project.id}/settings`, new RegExp(firstAdmin.projectName)],
    ["identities", "/identities", "Machine identities"],
    ["identity-new", "/identities/new", "Create identity"],
    ["identity", `/identities/${identity.id}`, identity.name],
    ["org-members", "/organization/members", "Members"],
    ["org-connections", "/organization/app-connections", "App connections"],
    ["org-connect", "/organization/app-connections/new", /./],
    ["org-connect-access-key", "/organization/app-connections/new?method=access-key", /./],
    ["audit-log", "/audit-log", "Audit log"],
    ["project-not-found", "/projects/00000000-0000-4000-8000-000000000000", "Not found"],
    ["page-not-found", "/no-such-page", "Page not found"],
  ];
  for (const [name, path, heading] of pages) {
    await test.step(name, async () => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
      await saveScreenshot(name);
    });
  }

  await test.step("on a project's last page, its link is scrolled into the bar of project links", async () => {
    await page.goto(`/projects/${project.id}/settings`);
    const settings = page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" });
    await expect(settings).toHaveAttribute("aria-current", "page");
    // (Its underline overlaps the bar's border by a pixel, which the scrolling bar clips.)
    await expect(settings).toBeInViewport({ ratio: 0.9 });
  });

  await test.step("the lease list of the seeded secret is on screen", async () => {
    await page.goto(`/projects/${project.id}/secrets?secret=${secretName}`);
    const revoke = page.getByRole("table", { name: `Leases of ${secretName}` }).getByRole("button", {
      name: /^Revoke lease/,
    });
    // Scroll the page only (not the table's own box), then the button must be wholly on screen: not hidden
    // to the right inside a table that scrolls sideways.
    await revoke.evaluate((button) => window.scrollBy(0, button.getBoundingClientRect().top - 200));
    await expect(revoke).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("button", { name: `Generate credentials from ${secretName}` })).toBeVisible();
  });

  await test.step("signed out: the sign-in page", async () => {
    await page.context().clearCookies();
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
    await saveScreenshot("login");
    await expectFitsWidth(page);
  });
});
