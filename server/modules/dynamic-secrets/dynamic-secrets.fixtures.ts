// Helpers for the dynamic-secret and lease integration tests: a Leasehold test server whose
// AWS calls go through the recording proxy in front of the run's moto, a unique IAM path
// per world (moto is shared by parallel test files), and IAM checks made straight at moto.
import { randomBytes } from "node:crypto";
import { GetUserCommand, ListUsersCommand, ListUserTagsCommand } from "@aws-sdk/client-iam";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import type { ApiClient, ApiResponse } from "../../../test/ground/api-client.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import type { Clock } from "../../context.ts";
import { queryRows } from "../../db/client.ts";
import type { ServiceOverrides } from "../../services.ts";
import { type ConnectionsWorld, connectionsWorld, iamAt, unique } from "../app-connections/app-connections.fixtures.ts";
import { answerServiceSpecificCredentialsLikeAws } from "./moto-gaps.fixtures.ts";

export { dumpDatabase, iamAt, unique } from "../app-connections/app-connections.fixtures.ts";
export { answerServiceSpecificCredentialsLikeAws };

/** A plausible managing key pair (moto's default mode accepts any). */
export const fakeAccessKey = () => ({
  accessKey: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
  secretAccessKey: randomBytes(30)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "x")
    .slice(0, 40),
});

export interface LeaseWorld extends ConnectionsWorld {
  motoUrl: string;
  /** This world's IAM path: every user its leases create lives under it. */
  awsPath: string;
  location: { projectSlug: string; environmentSlug: string; path: string };
  /** The managing keys of secrets made by createSecret (secrets the tests grep for). */
  managingSecrets: string[];
  createSecret(
    overrides?: Record<string, unknown>,
    inputs?: Record<string, unknown>,
    client?: ApiClient,
  ): Promise<{ name: string; body: ApiResponse["body"] }>;
  lease(name: string, extra?: Record<string, unknown>, client?: ApiClient): Promise<ApiResponse["body"]>;
  /** Clears the proxy's rules and records (keeping the ListServiceSpecificCredentials answer). */
  resetProxy(): void;
  iamUsers(): Promise<string[]>;
  userExists(username: string): Promise<boolean>;
  /** The invariant the product promises: every Leasehold user under the path has a live lease. */
  expectNoOrphans(): Promise<void>;
}

export async function leaseWorld(
  options: { env?: Record<string, string>; clock?: Clock; overrides?: ServiceOverrides } = {},
): Promise<LeaseWorld> {
  const motoUrl = getTestGround().motoUrl;
  const world = await connectionsWorld(motoUrl, options);
  answerServiceSpecificCredentialsLikeAws(world.proxy);
  const awsPath = `/${unique("lh-test")}/`;
  const location = { projectSlug: world.session.project.slug, environmentSlug: "dev", path: "/" };
  const managingSecrets: string[] = [];
  const iam = iamAt(motoUrl);

  async function iamUsers() {
    const res = await iam.send(new ListUsersCommand({ PathPrefix: awsPath }));
    return (res.Users ?? []).map((u) => u.UserName!);
  }

  async function userExists(username: string) {
    try {
      await iam.send(new GetUserCommand({ UserName: username }));
      return true;
    } catch (error) {
      if ((error as Error).name === "NoSuchEntityException" || (error as Error).name === "NoSuchEntity") return false;
      throw error;
    }
  }

  return {
    ...world,
    motoUrl,
    awsPath,
    location,
    managingSecrets,
    async createSecret(overrides = {}, inputs = {}, client = world.admin) {
      const key = fakeAccessKey();
      managingSecrets.push(key.secretAccessKey);
      const name = (overrides.name as string | undefined) ?? unique("ds");
      const body = {
        ...location,
        name,
        defaultTTL: "1h",
        maxTTL: "1d",
        provider: {
          type: "aws-iam",
          inputs: { method: "access-key", ...key, region: "us-east-1", awsPath, ...inputs },
        },
        ...overrides,
      };
      const res = await client.send(dynamicSecretRoutes.create, { body });
      expect(res.status, res.text).toBe(200);
      return { name, body: res.body };
    },
    async lease(name, extra = {}, client = world.admin) {
      return client.send(leaseRoutes.create, { body: { ...location, dynamicSecretName: name, ...extra } });
    },
    resetProxy() {
      world.proxy.reset();
      answerServiceSpecificCredentialsLikeAws(world.proxy);
    },
    iamUsers,
    userExists,
    async expectNoOrphans() {
      for (const username of await iamUsers()) {
        // A user deleted since ListUsers (a test running alongside) is no orphan.
        const tags = await iam.send(new ListUserTagsCommand({ UserName: username })).then(
          (r) => r.Tags ?? [],
          (error: Error) => {
            if (/NoSuchEntity/.test(error.name)) return null;
            throw error;
          },
        );
        if (tags === null) continue;
        const leaseId = tags.find((t) => t.Key === "leasehold:lease-id")?.Value ?? "";
        const rows = await queryRows<{ status: string }>(
          world.server.database.db,
          sql`select status from dynamic_secret_leases where id::text = ${leaseId}`,
        );
        const status = rows[0]?.status;
        // A lease revoked alongside (its DeleteUser landed after our ListUserTags) is no orphan: the status is
        // written after DeleteUser, so a user that is still there now is one.
        if (status === "revoked" || status === "expired") {
          if (!(await userExists(username))) continue;
        }
        expect(status, `IAM user ${username} has no live lease`).toMatch(/^(creating|active|revoking|revoke_failed)$/);
      }
    },
  };
}
