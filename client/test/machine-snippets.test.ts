// The identity page's "Leasehold CLI" and "AWS profile (credential_process)" snippets, rendered by
// the dashboard's function from the same templates, then run: the CLI one by bash with `leasehold`
// on the PATH (the bundled file, installed as README says), the profile one by an AWS SDK.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromProcess } from "@aws-sdk/credential-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { MACHINE_SNIPPETS, type MachineSnippetId, renderMachineSnippet } from "#shared/snippets/machine-snippets.ts";
import { buildCliBundle, type MachineWorld, machineEnv, machineWorld } from "./machine-world.fixtures.ts";

const template = (id: MachineSnippetId) => MACHINE_SNIPPETS.find((s) => s.id === id)!.template;

describe("the identity page's CLI and AWS profile snippets", () => {
  let world: MachineWorld;
  let bundle: ReturnType<typeof buildCliBundle>;
  let bin: string;

  beforeAll(async () => {
    bundle = buildCliBundle();
    // Installed as the README says: the one file, executable, named `leasehold` on the PATH.
    bin = join(bundle.dir, "bin");
    mkdirSync(bin);
    symlinkSync(bundle.cli, join(bin, "leasehold"));
    world = await machineWorld();
  }, 120_000);
  afterAll(async () => {
    await world.stop();
    bundle.remove();
  });

  async function contextFor(stsEndpoint = "https://sts.amazonaws.com/") {
    const { name } = await world.createSecret({ defaultTTL: "1h" });
    const { identity, principal } = await world.machine("developer", { stsEndpoint });
    const home = mkdtempSync(join(tmpdir(), "leasehold-home-"));
    const env = machineEnv(home, principal.credentials);
    env.PATH = `${bin}:${dirname(process.execPath)}:${env.PATH}`;
    const lease = {
      secretName: name,
      projectSlug: world.location.projectSlug,
      environmentSlug: "dev",
      path: "/",
      awsRegion: "us-east-1",
    };
    return { context: { serverUrl: world.url, identityId: identity.id, stsEndpoint, lease }, env, name };
  }

  for (const stsEndpoint of ["https://sts.amazonaws.com/", "https://sts.eu-west-2.amazonaws.com/"]) {
    it(`runs the Leasehold CLI snippet in bash (${new URL(stsEndpoint).host})`, async () => {
      const { context, env } = await contextFor(stsEndpoint);
      const script = renderMachineSnippet(template("cli"), context);
      expect(script).toContain(`--identity-id ${context.identityId}`);
      expect(script.includes("--sts-endpoint")).toBe(stsEndpoint.includes("eu-west-2"));
      expect(script).not.toMatch(/\{\{|leasehold:[a-z-]+:(begin|end)/);
      const result = await bash(script, env);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/Leased access key AKIA\w+/);
      expect(result.stdout + result.stderr).not.toContain("lhat_");
    });
  }

  it("the AWS profile snippet, pasted into ~/.aws/config, gives an AWS SDK the leased user", async () => {
    const { context, env, name } = await contextFor();
    const profile = renderMachineSnippet(template("aws-profile"), context);
    expect(profile).toContain("[profile leased]");
    mkdirSync(dirname(env.AWS_CONFIG_FILE!), { recursive: true });
    writeFileSync(env.AWS_CONFIG_FILE!, profile);

    const saved = { ...process.env };
    Object.assign(process.env, env); // fromProcess runs credential_process with process.env
    let credentials: Awaited<ReturnType<ReturnType<typeof fromProcess>>>;
    try {
      credentials = await fromProcess({ profile: "leased", configFilepath: env.AWS_CONFIG_FILE! })();
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    const sts = new STSClient({ endpoint: world.motoUrl, region: "us-east-1", credentials });
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
    const leases = await world.admin.send(leaseRoutes.list, {
      params: { name },
      query: { projectSlug: world.location.projectSlug, environmentSlug: "dev" },
    });
    expect(Arn).toMatch(new RegExp(`:user/.*${leases.body.leases[0].username}$`));
  });

  it("quotes values that are not plain words, and names the folder only when it is not /", () => {
    const rendered = renderMachineSnippet(template("cli"), {
      serverUrl: "https://leasehold.example.com/",
      identityId: "id-1",
      stsEndpoint: "https://sts.amazonaws.com/",
      lease: { secretName: "s", projectSlug: "p", environmentSlug: "e", path: "/a b", awsRegion: "us-east-1" },
    });
    expect(rendered).toContain("--url https://leasehold.example.com --identity-id id-1");
    expect(rendered).toContain("--env e --path '/a b'");
  });
});

function bash(script: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("bash", ["-euo", "pipefail"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(script);
  });
}
