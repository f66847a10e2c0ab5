// The `leasehold` CLI as a child process (the bundled single file), against a listening
// Leasehold whose AWS calls go to moto, logging in with a moto IAM user's keys in its environment.
import { mkdtempSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { expectNotLogged } from "../../server/modules/aws-auth/identity.fixtures.ts";
import { buildCliBundle, type MachineWorld, machineEnv, machineWorld, runCli } from "./machine-world.fixtures.ts";

describe("the leasehold CLI", () => {
  let world: MachineWorld;
  let bundle: ReturnType<typeof buildCliBundle>;
  let secretName: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    bundle = buildCliBundle();
    world = await machineWorld();
    secretName = (await world.createSecret({ defaultTTL: "15m", maxTTL: "1h" })).name;
  }, 120_000);
  afterAll(async () => {
    expectNotLogged(world.server.logs, secrets);
    await world.stop();
    bundle.remove();
  });

  /** A machine with a home of its own, logged in through the CLI. */
  async function loggedInMachine(
    role: "developer" | "viewer" | null = "developer",
    config: Parameters<MachineWorld["machine"]>[1] = {},
  ) {
    const { identity, principal } = await world.machine(role, config);
    const home = mkdtempSync(join(tmpdir(), "leasehold-home-"));
    const env = machineEnv(home, principal.credentials);
    secrets.push(principal.credentials.secretAccessKey);
    const cli = (...args: string[]) => runCli(bundle.cli, args, env);
    const login = await cli("login", "aws", "--url", world.url, "--identity-id", identity.id, "--json");
    return { identity, principal, home, env, cli, login };
  }
  const location = () => ["--project", world.location.projectSlug, "--env", "dev"];

  it("logs in with AWS Auth, keeps the token in a 0600 file under the XDG state dir, and renews it", async () => {
    // A 20 s token: inside the renewal window from the start, so the next command renews it.
    const { home, login, cli, identity } = await loggedInMachine("developer", {
      accessTokenTTL: 20,
      accessTokenMaxTTL: 3600,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({ url: world.url, identityId: identity.id });
    expect(login.stdout + login.stderr).not.toContain("lhat_");

    const tokensDir = join(home, ".local", "state", "leasehold", "tokens");
    const [file] = await readdir(tokensDir);
    expect(statSync(join(tokensDir, file!)).mode & 0o777).toBe(0o600);
    expect(statSync(tokensDir).mode & 0o777).toBe(0o700);

    const tokens = async () =>
      (await world.admin.send(tokenRoutes.listForIdentity, { params: { identityId: identity.id } })).body.tokens;
    const listed = await cli("lease", "list", "--secret", secretName, ...location());
    expect(listed.code, listed.stderr).toBe(0);
    const [afterUse] = await tokens();
    expect(afterUse.lastRenewedAt, "renewed, not replaced by a new login").not.toBeNull();
    expect(await tokens()).toHaveLength(1);

    const renewed = await cli("token", "renew", "--json");
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(Date.parse(JSON.parse(renewed.stdout).expiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse((await tokens())[0].lastRenewedAt)).toBeGreaterThan(Date.parse(afterUse.lastRenewedAt));

    const revoked = await cli("token", "revoke");
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await tokens()).toHaveLength(0);
  });

  it("creates a lease in every format, lists, renews and revokes it", async () => {
    const { cli } = await loggedInMachine();
    const created = await cli(
      "lease",
      "create",
      "--secret",
      secretName,
      ...location(),
      "--ttl",
      "10m",
      "--format",
      "json",
    );
    expect(created.code, created.stderr).toBe(0);
    const { lease, credentials } = JSON.parse(created.stdout);
    secrets.push(credentials.secretAccessKey);
    expect(created.stderr).not.toContain(credentials.secretAccessKey);
    expect(created.stderr).toContain(lease.id);
    expect(credentials.accessKeyId).toMatch(/^AKIA/);

    const env = await cli("lease", "create", "--secret", secretName, ...location());
    expect(env.stdout).toMatch(/^export AWS_ACCESS_KEY_ID='AKIA\w+'\nexport AWS_SECRET_ACCESS_KEY='.+'\n$/);
    const dotenv = await cli("lease", "create", "--secret", secretName, ...location(), "--format", "dotenv");
    expect(dotenv.stdout).toMatch(/^AWS_ACCESS_KEY_ID=AKIA\w+\nAWS_SECRET_ACCESS_KEY=.+\n$/);
    const ini = await cli("lease", "create", "--secret", secretName, ...location(), "--format", "credentials");
    expect(ini.stdout).toMatch(/^\[default\]\naws_access_key_id = AKIA\w+\naws_secret_access_key = .+\n$/);
    for (const out of [env.stdout, dotenv.stdout, ini.stdout]) secrets.push(out.split("\n")[1]!.split(/=\s*/)[1]!);

    const listed = await cli("lease", "list", "--secret", secretName, ...location(), "--json");
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((l: { id: string }) => l.id)).toContain(lease.id);
    const table = await cli("lease", "list", "--secret", secretName, ...location());
    expect(table.stdout).toContain(lease.id);

    const renewed = await cli("lease", "renew", lease.id, ...location(), "--ttl", "5m", "--json");
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(Date.parse(JSON.parse(renewed.stdout).expireAt) - Date.parse(lease.expireAt)).toBe(5 * 60_000);

    const revoked = await cli("lease", "revoke", lease.id, ...location());
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain("is revoked");
    expect(await world.userExists(lease.username)).toBe(false);
  });

  it("exits with codes a script can rely on: usage, unreachable, unknown identity, forbidden, not found", async () => {
    const { identity, principal } = await world.machine("developer");
    const env = machineEnv(mkdtempSync(join(tmpdir(), "leasehold-home-")), principal.credentials);
    const cli = (...args: string[]) => runCli(bundle.cli, args, env);

    const badUrl = await cli("login", "aws", "--url", "not a url", "--identity-id", identity.id);
    expect([badUrl.code, badUrl.stderr]).toEqual([2, expect.stringContaining("is not a URL")]);
    const unreachable = await cli("login", "aws", "--url", "http://127.0.0.1:9", "--identity-id", identity.id);
    expect([unreachable.code, unreachable.stderr]).toEqual([7, expect.stringContaining("Could not reach")]);

    const unknown = await cli(
      "login",
      "aws",
      "--url",
      world.url,
      "--identity-id",
      "0e5cbc2b-41b4-4f3c-9d5c-000000000000",
    );
    expect(unknown.code, unknown.stderr).toBe(3);
    expect(unknown.stderr).toMatch(/HTTP 401/);

    const viewer = await loggedInMachine("viewer");
    const refused = await viewer.cli("lease", "create", "--secret", secretName, ...location(), "--json");
    expect(refused.code, refused.stderr).toBe(4);
    expect(JSON.parse(refused.stderr).error.statusCode).toBe(403);
    const outsider = await loggedInMachine(null);
    const hidden = await outsider.cli("lease", "create", "--secret", secretName, ...location());
    expect(hidden.code, hidden.stderr).toBe(5);

    const missing = await cli("lease", "create", "--project", "p", "--env", "dev");
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("--secret is required")]);
    const help = await cli("aws", "credential-process", "--help");
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining("credential_process")]);
    for (const command of [["login", "aws"], ["lease"], ["token"], ["aws", "configure-profile"]]) {
      const shown = await cli(...command, "--help");
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/^Usage: leasehold|^Usage:\n/);
    }
  });
});
