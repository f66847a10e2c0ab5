// The server is SIGKILLed between CreateUser and the lease's activation (the proxy hooks
// CreateUser's answer). After a restart, the recovery worker finds the interrupted lease,
// deletes its IAM user and marks the lease failed.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetUserCommand } from "@aws-sdk/client-iam";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createApiClient, TEST_PASSWORD } from "../../../../test/ground/in-process-server.ts";
import { createDatabase, getTestGround, type RunningServer, startServer } from "../../../../test/ground/index.ts";
import { type AwsProxy, startAwsProxy } from "../../../../test/proxy/aws-proxy.ts";
import { openDatabase, queryRows } from "../../../db/client.ts";
import { answerServiceSpecificCredentialsLikeAws, fakeAccessKey, iamAt, unique } from "../dynamic-secrets.fixtures.ts";
import { INTERRUPTED_CREATION } from "./lease-revocation.ts";

/** The API client, speaking real HTTP to a child-process server. */
const httpClient = (server: RunningServer) => createApiClient({ baseUrl: server.url });

describe("a crash between CreateUser and activation", () => {
  const ground = getTestGround();
  let proxy: AwsProxy;
  let dataDir: string;
  let env: Record<string, string>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    proxy = await startAwsProxy({ target: ground.motoUrl });
    answerServiceSpecificCredentialsLikeAws(proxy);
    dataDir = mkdtempSync(join(tmpdir(), "leasehold-crash-"));
    env = {
      LEASEHOLD_ROOT_KEY: randomBytes(32).toString("base64"),
      // The minimum: a create is recovered only once no AWS call can still be running.
      LEASEHOLD_LEASE_RECOVERY_AFTER: "90",
      LEASEHOLD_LEASE_RECOVERY_INTERVAL: "1",
      ...(ground.dbKind === "postgres" ? { DATABASE_URL: await createDatabase(ground.postgresAdminUrl!) } : {}),
    };
  });
  afterAll(async () => {
    await server?.stop();
    await proxy.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves a user that recovery deletes after the restart, and the lease ends failed", {
    timeout: 120_000,
  }, async () => {
    server = await startServer({ motoUrl: proxy.url, dataDir, env });
    let client = httpClient(server);
    const setup = await client.send(authRoutes.setup, {
      body: {
        name: "Ada Admin",
        email: `${unique("crash")}@example.com`,
        password: TEST_PASSWORD,
        organizationName: "Acme",
        projectName: "Payments",
      },
    });
    expect(setup.status, setup.text).toBe(200);
    const location = { projectSlug: setup.body.project.slug, environmentSlug: "dev", path: "/" };
    const awsPath = `/${unique("lh-crash")}/`;
    const created = await client.send(dynamicSecretRoutes.create, {
      body: {
        ...location,
        name: "crashy",
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { method: "access-key", ...fakeAccessKey(), region: "us-east-1", awsPath },
        },
      },
    });
    expect(created.status, created.text).toBe(200);

    // Kill the server the moment AWS has answered CreateUser: the user exists, the lease is still `creating`.
    const dying = server;
    proxy.on("CreateUser", () => dying.stop("SIGKILL"), { after: "response" });
    const leaseAttempt = await client
      .send(leaseRoutes.create, { body: { ...location, dynamicSecretName: "crashy" } })
      .catch((error: Error) => error);
    expect(leaseAttempt).toBeInstanceOf(Error);
    const createUser = proxy.calls("CreateUser")[0]!;
    const username = createUser.params.UserName!;
    const leaseTagKey = Object.keys(createUser.params).find(
      (k) => /^Tags\.member\.\d+\.Key$/.test(k) && createUser.params[k] === "leasehold:lease-id",
    )!;
    const leaseId = createUser.params[leaseTagKey.replace(/Key$/, "Value")]!;
    const iam = iamAt(ground.motoUrl);
    expect((await iam.send(new GetUserCommand({ UserName: username }))).User!.UserName).toBe(username);

    // The server stays down past LEASEHOLD_LEASE_RECOVERY_AFTER: rather than wait 90 s, the lease's recovery
    // deadline is moved to now while no server holds the database (PGlite allows one process at a time).
    const database = await openDatabase(
      env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir },
    );
    const moved = await queryRows(
      database.db,
      sql`update dynamic_secret_leases set due_at = now() where id = ${leaseId} and status = 'creating' returning id`,
    );
    await database.close();
    expect(moved).toHaveLength(1);

    proxy.reset();
    answerServiceSpecificCredentialsLikeAws(proxy);
    server = await startServer({ motoUrl: proxy.url, dataDir, env });
    client = httpClient(server);
    const login = await client.send(authRoutes.login, {
      body: { email: setup.body.user.email, password: TEST_PASSWORD },
    });
    expect(login.status, login.text).toBe(200);

    const query = { projectSlug: location.projectSlug, environmentSlug: "dev", path: "/" };
    let lease: { status: string; creationError: string | null; statusDetails: string | null } | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      lease = (await client.send(leaseRoutes.get, { params: { leaseId }, query })).body.lease;
      if (lease?.status === "revoked") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(lease?.status).toBe("revoked");
    expect(lease?.creationError).toBe(INTERRUPTED_CREATION);
    expect(lease?.statusDetails).toContain(`lease recovery worker deleted the IAM user ${username}`);
    await expect(iam.send(new GetUserCommand({ UserName: username }))).rejects.toThrow(/cannot be found/);
    expect(proxy.calls("DeleteUser").filter((r) => r.params.UserName === username)).toHaveLength(1);
  });
});
