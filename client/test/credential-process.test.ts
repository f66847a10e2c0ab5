// A real AWS SDK reads leased credentials: `leasehold aws configure-profile` writes the profile,
// @aws-sdk/credential-providers' fromProcess runs the bundled CLI, and sts:GetCallerIdentity at moto
// answers with the leased IAM user. Then renewal and re-lease near expiry, and 20 parallel calls.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromProcess } from "@aws-sdk/credential-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { expectNotLogged } from "../../server/modules/aws-auth/identity.fixtures.ts";
import { buildCliBundle, type MachineWorld, machineEnv, machineWorld, runCli } from "./machine-world.fixtures.ts";

describe("leasehold aws credential-process, read by the AWS SDK", () => {
  let world: MachineWorld;
  let bundle: ReturnType<typeof buildCliBundle>;
  const secrets: string[] = [];

  beforeAll(async () => {
    bundle = buildCliBundle();
    world = await machineWorld();
  }, 120_000);
  afterAll(async () => {
    expectNotLogged(world.server.logs, secrets);
    await world.stop();
    bundle.remove();
  });

  async function machine() {
    const { identity, principal } = await world.machine("developer");
    secrets.push(principal.credentials.secretAccessKey);
    const home = mkdtempSync(join(tmpdir(), "leasehold-home-"));
    const env = machineEnv(home, principal.credentials);
    return { identity, env, home, cli: (...args: string[]) => runCli(bundle.cli, args, env) };
  }
  const activeLeases = async (secret: string) =>
    (
      await world.admin.send(leaseRoutes.list, {
        params: { name: secret },
        query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", status: "active" },
      })
    ).body.leases as { id: string; username: string; expireAt: string }[];

  /** Resolves the profile the way an SDK does, in an environment that is the machine's. */
  async function resolveProfile(env: NodeJS.ProcessEnv, profile: string) {
    const saved = { ...process.env };
    Object.assign(process.env, env); // fromProcess runs the command with process.env
    try {
      return await fromProcess({
        profile,
        configFilepath: env.AWS_CONFIG_FILE!,
        filepath: env.AWS_SHARED_CREDENTIALS_FILE!,
      })();
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }
  const callerArn = async (credentials: Awaited<ReturnType<typeof resolveProfile>>) =>
    (
      await new STSClient({ endpoint: world.motoUrl, region: "us-east-1", credentials }).send(
        new GetCallerIdentityCommand({}),
      )
    ).Arn;

  it("configure-profile shows a diff and writes the profile; the SDK then calls AWS as the leased user", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h", maxTTL: "1d" });
    const { identity, env, home, cli } = await machine();
    const args = ["aws", "configure-profile", "leased", "--url", world.url, "--identity-id", identity.id];
    const where = ["--secret", name, "--project", world.location.projectSlug, "--env", "dev"];

    const unconfirmed = await cli(...args, ...where);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stdout).toContain("+[profile leased]");
    expect(unconfirmed.stderr).toContain("--yes");
    const written = await cli(...args, ...where, "--region", "us-east-1", "--yes");
    expect(written.code, written.stderr).toBe(0);
    const config = readFileSync(env.AWS_CONFIG_FILE!, "utf8");
    expect(config).toContain(`credential_process = ${process.execPath} ${bundle.cli} aws credential-process`);
    expect(config).not.toMatch(/AKIA|lhat_/);

    const credentials = await resolveProfile(env, "leased");
    secrets.push(credentials.secretAccessKey);
    const [lease] = await activeLeases(name);
    expect(await callerArn(credentials)).toMatch(new RegExp(`:user/.*${lease!.username}$`));
    expect(credentials.expiration?.toISOString()).toBe(lease!.expireAt);

    // Warm cache: the same lease, no new one; the cache file is the user's only.
    expect((await resolveProfile(env, "leased")).accessKeyId).toBe(credentials.accessKeyId);
    expect(await activeLeases(name)).toHaveLength(1);
    const leasesDir = join(home, ".local", "state", "leasehold", "leases");
    const files = (await readdir(leasesDir)).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(1);
    expect(statSync(join(leasesDir, files[0]!)).mode & 0o777).toBe(0o600);

    // Idempotent: running it again changes nothing.
    expect((await cli(...args, ...where, "--region", "us-east-1", "--yes")).stdout).toContain("nothing to change");
  });

  it("near expiry, the next call renews the lease, and re-leases when a renewal would pass the max TTL", async () => {
    const { name } = await world.createSecret({ defaultTTL: "15m", maxTTL: "30m" });
    const { identity, env, cli } = await machine();
    // --renew-before 2h: every lease of this secret is "near expiry" from the start.
    const configured = await cli(
      ...["aws", "configure-profile", "leased", "--url", world.url, "--identity-id", identity.id],
      ...["--secret", name, "--project", world.location.projectSlug, "--env", "dev", "--renew-before", "2h", "--yes"],
    );
    expect(configured.code, configured.stderr).toBe(0);

    const first = await resolveProfile(env, "leased");
    const renewed = await resolveProfile(env, "leased");
    expect(renewed.accessKeyId).toBe(first.accessKeyId);
    expect(renewed.expiration!.getTime() - first.expiration!.getTime()).toBe(15 * 60_000);

    // Created + 30 m is reached: one more renewal would pass the max TTL, so a new lease.
    const replaced = await resolveProfile(env, "leased");
    secrets.push(first.secretAccessKey, replaced.secretAccessKey);
    expect(replaced.accessKeyId).not.toBe(first.accessKeyId);
    const leases = await activeLeases(name);
    expect(leases).toHaveLength(2); // the old one runs out by itself: processes holding its keys keep working
    const newest = leases.find((l) => l.expireAt === replaced.expiration!.toISOString())!;
    expect(await callerArn(replaced)).toMatch(new RegExp(`:user/.*${newest.username}$`));
    expect(await callerArn(first)).not.toBe(await callerArn(replaced));
  });

  it("20 parallel credential-process calls share one lease", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h", maxTTL: "1d" });
    const { identity, cli } = await machine();
    const args = ["aws", "credential-process", "--url", world.url, "--identity-id", identity.id];
    const where = ["--secret", name, "--project", world.location.projectSlug, "--env", "dev"];
    const results = await Promise.all(Array.from({ length: 20 }, () => cli(...args, ...where)));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const outputs = results.map((r) => JSON.parse(r.stdout));
    expect(new Set(outputs.map((o) => o.AccessKeyId)).size).toBe(1);
    expect(outputs[0]).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^AKIA/) });
    expect(outputs[0]).not.toHaveProperty("SessionToken");
    secrets.push(outputs[0].SecretAccessKey);
    for (const result of results) expect(result.stderr).not.toContain(outputs[0].SecretAccessKey);
    expect(await activeLeases(name)).toHaveLength(1);
    // …and one login: the token is shared the same way.
    expect(
      (await world.admin.send(tokenRoutes.listForIdentity, { params: { identityId: identity.id } })).body.tokens,
    ).toHaveLength(1);
  }, 90_000);
});
