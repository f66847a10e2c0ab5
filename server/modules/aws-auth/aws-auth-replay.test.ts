import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import {
  createApiClient,
  createTestClock,
  createTestServer,
  type TestServer,
} from "../../../test/ground/in-process-server.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import { queryRows } from "../../db/client.ts";
import { createUsedSignaturePurgeWorker } from "../../workers/purge-workers.ts";
import { createAwsIdentity, expectNotLogged, type Org, setupOrg } from "./identity.fixtures.ts";
import { createIamUser } from "./moto-principals.fixtures.ts";
import { signedLogin } from "./signed-login.fixtures.ts";

/**
 * One-time signatures: a signed GetCallerIdentity yields one token, on whichever instance
 * of the cluster it reaches first. Two instances share one database (on PostgreSQL, two
 * pools; on PGlite, one embedded handle), and moto answers STS over HTTP.
 */
describe("AWS Auth login accepts each signature once", () => {
  const clock = createTestClock(new Date());
  let first: TestServer;
  let second: TestServer;
  let org: Org;
  let identityId: string;
  let user: Awaited<ReturnType<typeof createIamUser>>;
  const issued: string[] = [];
  const send = async (server: TestServer, body: unknown, peer = "198.51.100.40") => {
    const res = await createApiClient(server.app, { peer }).send(awsAuthRoutes.login, { body });
    if (res.body?.accessToken) issued.push(res.body.accessToken);
    return res;
  };
  const signed = () => signedLogin({ identityId, credentials: user.credentials, signingDate: clock.now() });
  const usedRows = async () =>
    Number(
      (await queryRows<{ n: string }>(first.database.db, sql`select count(*) as n from aws_auth_used_signatures`))[0]!
        .n,
    );

  beforeAll(async () => {
    first = await createTestServer({ clock });
    second = await createTestServer({ clock, sameDatabaseAs: first });
    org = await setupOrg(first);
    user = await createIamUser(getTestGround().motoUrl);
    identityId = (await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: user.arn })).identity.id;
  });
  afterAll(async () => {
    expectNotLogged([...first.logs, ...second.logs], [...issued, user.credentials.secretAccessKey]);
    await second.close();
    await first.close();
  });

  it("refuses the same signed request a second time, on the same instance, with request_replayed", async () => {
    const body = await signed();
    expect((await send(first, body)).status).toBe(200);
    const replay = await send(first, body);
    expect(replay.status, replay.text).toBe(401);
    expect(replay.body.reasonCode).toBe("request_replayed");
    expect(replay.body.accessToken).toBeUndefined();
  });

  it("refuses a replay on a second instance of the same cluster", async () => {
    const body = await signed();
    expect((await send(first, body)).status).toBe(200);
    const replay = await send(second, body, "203.0.113.9");
    expect(replay.status, replay.text).toBe(401);
    expect(replay.body.reasonCode).toBe("request_replayed");
  });

  it("gives exactly one token when copies arrive at both instances at once", async () => {
    const body = await signed();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i % 2 ? second : first, body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401, 401, 401, 401, 401, 401]);
    expect(results.filter((r) => r.status === 401).every((r) => r.body.reasonCode === "request_replayed")).toBe(true);
  });

  it("does not burn a signature whose login was refused, nor store the signature itself", async () => {
    const body = await signed();
    const headers = JSON.parse(Buffer.from(body.iamRequestHeaders, "base64").toString("utf8"));
    const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization)![1]!;
    const rows = await queryRows<{ signature_hash: string }>(
      first.database.db,
      sql`select signature_hash from aws_auth_used_signatures`,
    );
    expect(rows.map((r) => r.signature_hash)).not.toContain(signature);
    // Another identity that does not allow this user: 403, and the signature stays usable.
    const other = (await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: `${user.arn}-nope` })).identity
      .id;
    expect((await send(first, { ...body, identityId: other })).body.reasonCode).toBe("principal_arn_not_allowed");
    expect((await send(first, body)).status).toBe(200);
  });

  it("keeps each record until the signature is past the freshness window, then the worker purges it", async () => {
    const before = await usedRows();
    expect(before).toBeGreaterThanOrEqual(4);
    const worker = createUsedSignaturePurgeWorker(first.core, first.services);
    expect(await worker.drain()).toBe(0);
    clock.advance(16 * 60);
    // Still kept: a margin for instances whose clocks disagree.
    expect(await worker.drain()).toBe(0);
    clock.advance(5 * 60);
    expect(await worker.drain()).toBe(before);
    expect(await usedRows()).toBe(0);
  });
});
