// Who may do what with dynamic secrets and leases, across roles and organisations; and
// where secrets may appear: an issued secret key in its create response only, a managing
// secret key nowhere (not in responses, logs, audit records, nor the database in plaintext).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ApiClient } from "../../../../test/ground/api-client.ts";
import { queryRows } from "../../../db/client.ts";
import { dumpDatabase, type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

describe("roles and tenants", () => {
  let world: LeaseWorld;
  let secretName: string;
  let leaseId: string;
  const issuedSecrets: string[] = [];

  beforeAll(async () => {
    world = await leaseWorld();
    secretName = (await world.createSecret()).name;
    const leased = (await world.lease(secretName)).body;
    leaseId = leased.lease.id;
    issuedSecrets.push(leased.data.SECRET_ACCESS_KEY);
  });
  afterAll(() => world.close());

  const q = () => ({ projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" });
  const attempts = (client: ApiClient) => ({
    list: () => client.send(dynamicSecretRoutes.list, { query: q() }),
    get: () => client.send(dynamicSecretRoutes.get, { params: { name: secretName }, query: q() }),
    leases: () => client.send(leaseRoutes.list, { params: { name: secretName }, query: q() }),
    lease: () => world.lease(secretName, {}, client),
    getLease: () => client.send(leaseRoutes.get, { params: { leaseId }, query: q() }),
    renew: () => client.send(leaseRoutes.renew, { params: { leaseId }, body: world.location }),
    revoke: () => client.send(leaseRoutes.revoke, { params: { leaseId }, body: world.location }),
    forceRevoke: () =>
      client.send(leaseRoutes.revoke, { params: { leaseId }, body: { ...world.location, isForced: true } }),
    create: () =>
      client.send(dynamicSecretRoutes.create, {
        body: {
          ...world.location,
          name: "nope",
          defaultTTL: "1h",
          provider: {
            type: "aws-iam",
            inputs: { region: "us-east-1", accessKey: "AKIAAAAAAAAAAAAAAAAA", secretAccessKey: "x".repeat(40) },
          },
        },
      }),
    update: () =>
      client.send(dynamicSecretRoutes.update, {
        params: { name: secretName },
        body: { ...world.location, data: { defaultTTL: "2h" } },
      }),
    remove: () => client.send(dynamicSecretRoutes.delete, { params: { name: secretName }, body: world.location }),
    orphans: () => client.send(dynamicSecretRoutes.listOrphans, { params: { name: secretName }, query: q() }),
    test: () => client.send(dynamicSecretRoutes.testConfiguration, { body: { ...world.location, name: secretName } }),
  });

  it("a viewer reads dynamic secrets and leases, but cannot lease, renew, revoke or change anything", async () => {
    const { client } = await world.person("viewer");
    const as = attempts(client);
    for (const read of [as.list, as.get, as.leases, as.getLease]) expect((await read()).status).toBe(200);
    for (const write of [
      as.lease,
      as.renew,
      as.revoke,
      as.forceRevoke,
      as.create,
      as.update,
      as.remove,
      as.orphans,
      as.test,
    ]) {
      const res = await write();
      expect(res.status, res.text).toBe(403);
    }
  });

  it("a developer leases and revokes, but only an admin may force a revoke", async () => {
    const { client } = await world.person("developer");
    const as = attempts(client);
    const mine = await as.lease();
    expect(mine.status, mine.text).toBe(200);
    issuedSecrets.push(mine.body.data.SECRET_ACCESS_KEY);
    expect((await as.renew()).status).toBe(200);
    expect((await as.forceRevoke()).status).toBe(403);
    const revoked = await client.send(leaseRoutes.revoke, {
      params: { leaseId: mine.body.lease.id },
      body: world.location,
    });
    expect(revoked.status).toBe(200);
  });

  it("a person of the org without a project role sees nothing", async () => {
    const { client } = await world.person(null);
    const as = attempts(client);
    for (const attempt of Object.values(as)) expect((await attempt()).status).toBe(404);
  });

  it("another organisation sees nothing of this one, even with the IDs", async () => {
    const other = await world.server.createOtherOrgAdmin();
    world.clients.push(other.client);
    const as = attempts(other.client);
    for (const attempt of Object.values(as)) expect((await attempt()).status).toBe(404);
    // And its own project with the same slugs does not reach ours either.
    const project = await other.client.send(projectRoutes.create, {
      body: { name: "Payments", slug: world.location.projectSlug },
    });
    expect(project.status, project.text).toBe(200);
    expect((await as.get()).status).toBe(404);
    expect((await as.getLease()).status).toBe(404);
    expect((await as.list()).body.dynamicSecrets).toEqual([]);
  });

  it("an issued secret key appears only in its create response; managing keys appear nowhere", async () => {
    const responses = world.clients.flatMap((c) => c.responses);
    for (const secret of issuedSecrets) {
      const carrying = responses.filter((text) => text.includes(secret));
      expect(carrying).toHaveLength(1);
      expect(JSON.parse(carrying[0]!).data.SECRET_ACCESS_KEY).toBe(secret);
    }
    const dump = await dumpDatabase(world.server);
    const audit = JSON.stringify(await queryRows(world.server.database.db, sql`select * from audit_logs`));
    const logs = world.server.logs.join("\n");
    for (const secret of [...issuedSecrets, ...world.managingSecrets]) {
      expect(logs.includes(secret), "secret in the logs").toBe(false);
      expect(dump.includes(secret), "secret in the database").toBe(false);
      expect(audit.includes(secret), "secret in the audit log").toBe(false);
    }
    for (const secret of world.managingSecrets)
      expect(
        responses.some((text) => text.includes(secret)),
        "managing secret in a response",
      ).toBe(false);
  });
});
