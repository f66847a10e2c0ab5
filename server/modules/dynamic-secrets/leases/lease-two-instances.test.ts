// Two Leasehold instances share one database and run the expiry worker over 500 leases
// that fall due at the same moment. The proxy counts DeleteUser per user: exactly once
// each, none missed. (On PostgreSQL the instances have their own connection pools; on
// PGlite they share the one embedded database, which is how PGlite is deployed.)
import { randomBytes } from "node:crypto";
import { ListUsersCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createApiClient, createTestClock, TEST_PASSWORD } from "../../../../test/ground/in-process-server.ts";
import { createDatabase, getTestGround } from "../../../../test/ground/index.ts";
import { type AwsProxy, startAwsProxy } from "../../../../test/proxy/aws-proxy.ts";
import { createApp } from "../../../app.ts";
import { type Database, openDatabase } from "../../../db/client.ts";
import { runMigrations } from "../../../db/migrate.ts";
import { loadEnv } from "../../../env.ts";
import { settleWithConcurrency } from "../../../lib/bounded-concurrency.ts";
import { createEnvelope } from "../../../lib/crypto/envelope.ts";
import { createLogger } from "../../../lib/logger.ts";
import { createCoreDeps, createServices } from "../../../services.ts";
import { createLeaseWorker } from "../../../workers/lease-workers.ts";
import { answerServiceSpecificCredentialsLikeAws, fakeAccessKey, iamAt, unique } from "../dynamic-secrets.fixtures.ts";

const LEASES = 500;

describe("two instances, one database, 500 leases due at once", () => {
  const ground = getTestGround();
  const clock = createTestClock(new Date("2026-07-01T00:00:00Z"));
  let proxy: AwsProxy;
  const databases: Database[] = [];

  beforeAll(async () => {
    proxy = await startAwsProxy({ target: ground.motoUrl });
    answerServiceSpecificCredentialsLikeAws(proxy);
  });
  afterAll(async () => {
    for (const database of new Set(databases)) await database.close();
    await proxy.stop();
  });

  it("deletes each IAM user exactly once, and misses none", { timeout: 240_000 }, async () => {
    const url = ground.dbKind === "postgres" ? await createDatabase(ground.postgresAdminUrl!) : null;
    const open = () =>
      url
        ? openDatabase({ kind: "postgres", url, maxConnections: 15 })
        : openDatabase({ kind: "pglite", dataDir: null });
    const first = await open();
    const second = url ? await open() : first;
    databases.push(first, second);
    await runMigrations(first.db);

    const env = loadEnv({
      NODE_ENV: "test",
      AWS_ENDPOINT_URL: proxy.url,
      AWS_REGION: "us-east-1",
      LEASEHOLD_LEASE_QUOTA: "1000",
      LEASEHOLD_LEASE_WORKER_CONCURRENCY: "10",
    });
    const envelope = createEnvelope(randomBytes(32));
    const logger = createLogger({ level: "silent" });
    const instances = [first, second].map((database) => {
      const core = createCoreDeps({ env, database, envelope, logger, clock });
      const services = createServices(core);
      return { core, services, app: createApp({ core, services }) };
    });

    const admin = createApiClient(instances[0]!.app);
    const setup = await admin.send(authRoutes.setup, {
      body: {
        name: "Ada",
        email: `${unique("two")}@example.com`,
        password: TEST_PASSWORD,
        organizationName: "Acme",
        projectName: "Payments",
      },
    });
    expect(setup.status, setup.text).toBe(200);
    const location = { projectSlug: setup.body.project.slug, environmentSlug: "dev", path: "/" };
    const awsPath = `/${unique("lh-two")}/`;
    const secret = await admin.send(dynamicSecretRoutes.create, {
      body: {
        ...location,
        name: "bulk",
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { method: "access-key", ...fakeAccessKey(), region: "us-east-1", awsPath },
        },
      },
    });
    expect(secret.status, secret.text).toBe(200);

    const created = await settleWithConcurrency(Array.from({ length: LEASES }), 20, async () => {
      const res = await admin.send(leaseRoutes.create, { body: { ...location, dynamicSecretName: "bulk" } });
      if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
      return res.body.data.USERNAME as string;
    });
    expect(created.filter((r) => r.status === "rejected")).toEqual([]);
    const usernames = created.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));

    proxy.reset();
    answerServiceSpecificCredentialsLikeAws(proxy);
    clock.advance(3600 + 1);
    const workers = instances.map((i) => createLeaseWorker(i.core, i.services, "expiry"));
    const claimed = await Promise.all(workers.map((w) => w.drain()));

    expect(claimed[0]! + claimed[1]!).toBe(LEASES);
    expect(
      claimed.every((n) => n > 0),
      `both instances took part: ${claimed.join(" + ")}`,
    ).toBe(true);
    const deletes = new Map<string, number>();
    for (const call of proxy.calls("DeleteUser"))
      deletes.set(call.params.UserName!, (deletes.get(call.params.UserName!) ?? 0) + 1);
    expect(deletes.size).toBe(LEASES);
    for (const username of usernames) expect(deletes.get(username), username).toBe(1);

    const left = await iamAt(ground.motoUrl).send(new ListUsersCommand({ PathPrefix: awsPath }));
    expect(left.Users ?? []).toEqual([]);
    const list = await admin.send(leaseRoutes.list, {
      params: { name: "bulk" },
      query: { projectSlug: location.projectSlug, environmentSlug: "dev", path: "/", status: "active" },
    });
    expect(list.body.leases).toEqual([]);
  });
});
