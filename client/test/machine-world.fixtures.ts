// Test support for the client and the CLI: a Leasehold test server listening on 127.0.0.1 (its
// AWS calls through the recording proxy to moto), a dynamic secret, and machine identities with
// AWS Auth for real moto IAM users, plus the CLI bundle run as a child process.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { expect } from "vitest";
import { identityRoutes } from "#client/core/routes/identities.ts";
import type { AttachAwsAuthInput } from "#shared/schemas/aws-auth.ts";
import { createAwsIdentity } from "../../server/modules/aws-auth/identity.fixtures.ts";
import { createIamUser } from "../../server/modules/aws-auth/moto-principals.fixtures.ts";
import { type LeaseWorld, leaseWorld } from "../../server/modules/dynamic-secrets/dynamic-secrets.fixtures.ts";
import { repoRoot } from "../../test/ground/paths.ts";

export interface MachineWorld extends LeaseWorld {
  url: string;
  /** A machine identity for a fresh moto IAM user, with a project role (or none). */
  machine(
    role: "admin" | "developer" | "viewer" | null,
    config?: Omit<AttachAwsAuthInput, "allowedPrincipalArns">,
  ): Promise<{
    identity: { id: string; name: string };
    principal: Awaited<ReturnType<typeof createIamUser>>;
  }>;
  stop(): Promise<void>;
}

export async function machineWorld(options: { env?: Record<string, string> } = {}): Promise<MachineWorld> {
  const world = await leaseWorld({ env: { LEASEHOLD_SERVER_ID: "cli-test-server", ...options.env } });
  let http: ServerType | undefined;
  await new Promise<void>((resolve) => {
    http = serve({ fetch: world.server.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  const url = `http://127.0.0.1:${(http!.address() as AddressInfo).port}`;
  return {
    ...world,
    url,
    async machine(role, config = {}) {
      const principal = await createIamUser(world.motoUrl);
      const { identity } = await createAwsIdentity(world.admin, world.orgId, {
        allowedPrincipalArns: principal.arn,
        serverIdHeader: true,
        ...config,
      });
      if (role) {
        const res = await world.admin.send(identityRoutes.addMembership, {
          params: { identityId: identity.id },
          body: {
            projectId: world.projectId,
            role,
          },
        });
        expect(res.status, res.text).toBe(200);
      }
      return { identity, principal };
    },
    async stop() {
      await new Promise((resolve) => http!.close(resolve));
      await world.close();
    },
  };
}

/** Builds dist/leasehold.mjs into a temp folder, as `npm run build:cli` does. */
export function buildCliBundle(): { cli: string; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "leasehold-cli-"));
  execFileSync(process.execPath, ["scripts/build-cli.mjs", dir], { cwd: repoRoot, stdio: "pipe" });
  return { cli: join(dir, "leasehold.mjs"), dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment, as on a machine: its AWS keys, a HOME and a state dir of its own. */
export function machineEnv(
  home: string,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined },
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

export function runCli(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
