import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { LOGIN_SNIPPETS, type LoginSnippetId, renderLoginSnippet } from "#shared/snippets/login-snippets.ts";
import { createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import { repoRoot, venvBin } from "../../../test/ground/paths.ts";
import { createAwsIdentity, expectNotLogged, type Org, setupOrg } from "./identity.fixtures.ts";
import { createIamUser } from "./moto-principals.fixtures.ts";

const template = (id: LoginSnippetId) => LOGIN_SNIPPETS.find((s) => s.id === id)!.template;

/** Runs a program from stdin with the machine's AWS credentials in its environment, as on EC2 or Lambda. */
function run(
  command: string,
  args: string[],
  code: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit, stdout, stderr }));
    child.stdin.end(code);
  });
}
const runNode = (code: string, creds: Parameters<typeof run>[3]) =>
  run(process.execPath, ["--input-type=module", "-"], code, creds);
const runPython = (code: string, creds: Parameters<typeof run>[3]) => run(join(venvBin, "python"), ["-"], code, creds);

/**
 * The snippets the dashboard shows, rendered by the same function from the same files,
 * run as real programs (Node, and Python with botocore from the test venv) against a
 * listening Leasehold that forwards to moto.
 */
describe("the 'How to log in from AWS' snippets", () => {
  let server: TestServer;
  let http: ServerType;
  let serverUrl: string;
  let org: Org;
  let user: Awaited<ReturnType<typeof createIamUser>>;

  const identityFor = async (config: { serverIdHeader: boolean; stsEndpoint?: string }) => {
    const { identity, awsAuth } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: user.arn,
      ...config,
    });
    const context = {
      serverUrl,
      identityId: identity.id,
      serverId: awsAuth.serverIdHeader ? awsAuth.serverId : null,
      stsEndpoint: awsAuth.stsEndpoint,
    };
    return { identity, context };
  };
  const tokensOf = async (identityId: string) =>
    (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId } })).body.tokens;

  beforeAll(async () => {
    expect(
      existsSync(join(venvBin, "python")),
      "the test venv (.venv) is missing: run node scripts/lib/ensure-tools.mjs",
    ).toBe(true);
    server = await createTestServer({ env: { LEASEHOLD_SERVER_ID: "snippet-test-server" } });
    await new Promise<void>((resolve) => {
      http = serve({ fetch: server.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    serverUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    org = await setupOrg(server);
    user = await createIamUser(getTestGround().motoUrl, { path: "/lambda/" });
  });
  afterAll(async () => {
    expectNotLogged(server.logs, [user.credentials.secretAccessKey]);
    await new Promise((resolve) => http.close(resolve));
    await server.close();
  });

  for (const [id, runner] of [
    ["node", runNode],
    ["python", runPython],
  ] as const) {
    for (const serverIdHeader of [true, false]) {
      it(`logs in with the ${id} snippet${serverIdHeader ? ", sending the signed server-ID header" : ""}`, async () => {
        const { identity, context } = await identityFor({ serverIdHeader });
        const code = renderLoginSnippet(template(id), context);
        expect(code.includes("snippet-test-server")).toBe(serverIdHeader);
        expect(code).toContain(identity.id);
        expect(code).not.toMatch(/\{\{|leasehold:[a-z-]+:(begin|end)/);

        const result = await runner(code, user.credentials);
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
        expect(result.stdout).toContain(`Logged in to Leasehold as ${identity.name}`);
        expect(result.stdout + result.stderr).not.toContain("lhat_");
        const tokens = await tokensOf(identity.id);
        expect(tokens).toHaveLength(1);
        expect(tokens[0]).toMatchObject({ principalArn: user.arn, sourceIp: "127.0.0.1", numUses: 1 });
      }, 60_000);
    }

    it(`logs in with the ${id} snippet for an identity bound to a regional STS endpoint`, async () => {
      const { identity, context } = await identityFor({
        serverIdHeader: false,
        stsEndpoint: "https://sts.eu-west-2.amazonaws.com",
      });
      const code = renderLoginSnippet(template(id), context);
      expect(code).toContain("sts.eu-west-2.amazonaws.com");
      const result = await runner(code, user.credentials);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(await tokensOf(identity.id)).toHaveLength(1);
    }, 60_000);
  }

  it("fails loudly, with Leasehold's reason, when the principal is not allowed", async () => {
    const { identity, awsAuth } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: "arn:aws:iam::123456789012:role/someone-else",
    });
    const code = renderLoginSnippet(template("node"), {
      serverUrl,
      identityId: identity.id,
      serverId: null,
      stsEndpoint: awsAuth.stsEndpoint,
    });
    const result = await runNode(code, user.credentials);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("principal_arn_not_allowed");
  }, 60_000);

  it("renders the raw steps with this identity's values", () => {
    const steps = renderLoginSnippet(template("steps"), {
      serverUrl: "https://leasehold.example.com/",
      identityId: "id-1",
      serverId: "srv-1",
      stsEndpoint: "https://sts.amazonaws.com/",
    });
    expect(steps).toContain(`POST this JSON to https://leasehold.example.com${awsAuthRoutes.login.path}`);
    expect(steps).toContain('"identityId": "id-1"');
    expect(steps).toContain("X-Leasehold-Server-ID: srv-1");
    expect(steps).toContain("sts.<region>.amazonaws.com");
    const without = renderLoginSnippet(template("steps"), {
      serverUrl: "https://l.example",
      identityId: "id-1",
      serverId: null,
      stsEndpoint: "https://sts.eu-west-1.amazonaws.com/",
    });
    expect(without).not.toContain("X-Leasehold-Server-ID:");
    expect(without).toContain("Host: sts.eu-west-1.amazonaws.com");
  });

  it("escapes values so they cannot break out of the string literals", () => {
    const code = renderLoginSnippet(template("node"), {
      serverUrl: "https://x.example",
      identityId: "id",
      serverId: 'a"; process.exit(1); "',
      stsEndpoint: "https://sts.amazonaws.com/",
    });
    expect(code).toContain('headers["x-leasehold-server-id"] = "a\\"; process.exit(1); \\"";');
  });
});
