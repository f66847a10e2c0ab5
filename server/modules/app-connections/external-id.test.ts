// Against a private moto in authenticating mode, which checks keys, signatures, identity
// policies and a trust policy's sts:ExternalId: the External ID is the org ID for an
// org-scoped connection and the project ID for a project-scoped one, the same at
// validation and at every later use (recorded by the proxy), and bad keys store nothing.

import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { createTestClock } from "../../../test/ground/in-process-server.ts";
import { resetMotoAuth, startMoto } from "../../../test/ground/index.ts";
import type { Moto } from "../../../test/ground/moto.ts";
import type { RequestContext } from "../../context.ts";
import { appConnections } from "../../db/schema.ts";
import { SESSION_DURATION_SECONDS } from "../../lib/aws/connection-credentials.ts";
import {
  ASSUME_ANY_ROLE,
  type ConnectionsWorld,
  connectionsWorld,
  createRole,
  createUserWithKey,
  iamAt,
  leaksOf,
  trustPolicyFor,
  unique,
} from "./app-connections.fixtures.ts";

const clock = createTestClock(new Date());
let moto: Moto;
let world: ConnectionsWorld;
let serverUser: Awaited<ReturnType<typeof createUserWithKey>>;
let connectionUser: Awaited<ReturnType<typeof createUserWithKey>>;
let orgRole: string;
let projectRole: string;
let strangerRole: string;
const secrets: string[] = [];

beforeAll(async () => {
  // Unauthenticated while the fixtures are made, then every request is authenticated.
  moto = await startMoto({ authenticating: 10_000 });
  const iam = iamAt(moto.url);
  serverUser = await createUserWithKey(iam, ASSUME_ANY_ROLE);
  connectionUser = await createUserWithKey(iam);
  world = await connectionsWorld(moto.url, {
    clock,
    env: {
      INF_APP_CONNECTION_AWS_ACCESS_KEY_ID: serverUser.accessKeyId,
      INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY: serverUser.secretAccessKey,
    },
  });
  orgRole = await createRole(iam, trustPolicyFor(serverUser.arn, world.orgId));
  projectRole = await createRole(iam, trustPolicyFor(serverUser.arn, world.projectId));
  strangerRole = await createRole(iam, trustPolicyFor("arn:aws:iam::123456789012:user/someone-else", world.orgId));
  secrets.push(serverUser.secretAccessKey, connectionUser.secretAccessKey);
  await resetMotoAuth(moto.url, 0);
}, 60_000);
afterAll(async () => {
  await world?.close();
  await moto?.stop();
});

const storedCount = async () =>
  (
    await world.server.database.db
      .select({ n: count() })
      .from(appConnections)
      .where(eq(appConnections.orgId, world.orgId))
  )[0]!.n;

const create = (body: Record<string, unknown>) =>
  world.admin.send(appConnectionRoutes.create, { body: { name: unique("conn"), ...body } });

describe("the External ID against a trust policy that requires one", () => {
  it("accepts an org-scoped connection to a role trusting the org ID, and refuses a project-scoped one", async () => {
    expect((await create({ method: "assume-role", credentials: { roleArn: orgRole } })).status).toBe(200);
    const before = await storedCount();
    world.proxy.reset();
    const refused = await create({
      method: "assume-role",
      projectId: world.projectId,
      credentials: { roleArn: orgRole },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.reasonCode).toBe("aws_access_denied");
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: ["credentials", "roleArn"] })]);
    // The translation names who tried, what was sent, and the usual causes.
    expect(refused.body.message).toContain(serverUser.arn);
    expect(refused.body.message).toContain(`External ID "${world.projectId}"`);
    expect(refused.body.message).toMatch(/trust policy does not name/);
    expect(refused.body.message).toMatch(/sts:ExternalId condition is not/);
    expect(world.proxy.calls("AssumeRole")[0]?.params.ExternalId).toBe(world.projectId);
    expect(await storedCount()).toBe(before);
  });

  it("accepts a project-scoped connection to a role trusting the project ID; refuses an org-scoped one", async () => {
    expect(
      (await create({ method: "assume-role", projectId: world.projectId, credentials: { roleArn: projectRole } }))
        .status,
    ).toBe(200);
    const before = await storedCount();
    const refused = await create({ method: "assume-role", credentials: { roleArn: projectRole } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(`External ID "${world.orgId}"`);
    expect(await storedCount()).toBe(before);
  });

  it("refuses a role whose trust policy names another principal, naming the principal that tried", async () => {
    const refused = await create({ method: "assume-role", credentials: { roleArn: strangerRole } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(
      `AWS refused to let Leasehold's AWS principal ${serverUser.arn} assume ${strangerRole}`,
    );
  });
});

describe("the same External ID at validation and at every use", () => {
  it("credentialsFor: AssumeRole with validated External ID and session name, cached until near expiry", async () => {
    world.proxy.reset();
    const conn = (
      await create({ method: "assume-role", projectId: world.projectId, credentials: { roleArn: projectRole } })
    ).body.appConnection;
    const atValidation = world.proxy.calls("AssumeRole");
    expect(atValidation).toHaveLength(1);

    const { client } = await world.person("developer");
    const cookie = client.cookie!;
    const actor = (await world.server.services.auth.resolveSession(cookie.slice(cookie.indexOf("=") + 1)))!;
    const ctx: RequestContext = { actor, ip: "127.0.0.1", userAgent: null, requestId: "test" };
    const use = () => world.server.services.appConnections.credentialsFor(ctx, conn.id, { projectId: world.projectId });

    // Concurrent uses share one AssumeRole.
    const [first, second] = await Promise.all([use(), use()]);
    expect(second.credentials).toBe(first.credentials);
    const atRuntime = world.proxy.calls("AssumeRole").slice(1);
    expect(atRuntime).toHaveLength(1);
    for (const param of ["ExternalId", "RoleSessionName", "RoleArn"]) {
      expect(atRuntime[0]!.params[param]).toBe(atValidation[0]!.params[param]);
    }
    expect(atRuntime[0]!.params.ExternalId).toBe(world.projectId);
    expect(atRuntime[0]!.accessKeyId).toBe(serverUser.accessKeyId);

    // The credentials work: moto vouches for the assumed role's session.
    const sts = new STSClient({ region: "us-east-1", endpoint: moto.url, credentials: first.credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::123456789012:assumed-role/${projectRole.split("/").pop()}/leasehold-${conn.id}`,
    );

    // Within the hour: cached. Past the refresh margin: a new session, with the same External ID.
    clock.advance(SESSION_DURATION_SECONDS - 10 * 60);
    await use();
    expect(world.proxy.calls("AssumeRole")).toHaveLength(2);
    clock.advance(6 * 60);
    await use();
    const all = world.proxy.calls("AssumeRole");
    expect(all).toHaveLength(3);
    expect(new Set(all.map((r) => r.params.ExternalId))).toEqual(new Set([world.projectId]));

    // New credentials bump the version, and the next use assumes again.
    await world.admin.send(appConnectionRoutes.update, {
      params: { connectionId: conn.id },
      body: { credentials: { roleArn: projectRole } },
    });
    const before = world.proxy.calls("AssumeRole").length;
    await use();
    expect(world.proxy.calls("AssumeRole")).toHaveLength(before + 1);
  });
});

describe("access keys", () => {
  it("creates a connection with a real IAM user's keys and reports that user", async () => {
    const res = await create({
      method: "access-key",
      credentials: { accessKeyId: connectionUser.accessKeyId, secretAccessKey: connectionUser.secretAccessKey },
    });
    expect(res.status).toBe(200);
    expect(res.body.appConnection.identityArn).toBe(connectionUser.arn);
  });

  it("refuses unknown keys with the translated 400 on the key ID, storing nothing", async () => {
    const before = await storedCount();
    const fake = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzzzz";
    secrets.push(fake);
    const res = await create({
      method: "access-key",
      credentials: { accessKeyId: "AKIAZZZZZZZZZZZZZZZZ", secretAccessKey: fake },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      reasonCode: "aws_invalid_credentials",
      issues: [expect.objectContaining({ path: ["credentials", "accessKeyId"] })],
    });
    expect(res.body.message).toContain("AWS does not recognise the access key AKIAZZZZZZZZZZZZZZZZ");
    expect(await storedCount()).toBe(before);
  });

  it("refuses a wrong secret with the translated 400 on the secret, storing nothing", async () => {
    const before = await storedCount();
    const wrong = connectionUser.secretAccessKey.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    secrets.push(wrong);
    const res = await create({
      method: "access-key",
      credentials: { accessKeyId: connectionUser.accessKeyId, secretAccessKey: wrong },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      reasonCode: "aws_signature_mismatch",
      issues: [expect.objectContaining({ path: ["credentials", "secretAccessKey"] })],
    });
    expect(await storedCount()).toBe(before);
  });
});

describe("Leasehold's own principal", () => {
  it("reports the principal of INF_APP_CONNECTION_AWS_* from a live GetCallerIdentity", async () => {
    world.proxy.reset();
    const res = await world.admin.send(appConnectionRoutes.serverPrincipal);
    expect(res.body).toEqual({ configured: true, source: "environment", arn: serverUser.arn, account: "123456789012" });
    expect(world.proxy.calls("GetCallerIdentity")[0]?.accessKeyId).toBe(serverUser.accessKeyId);
  });

  it("explains bad server keys, in the card and when a role cannot be assumed", async () => {
    const broken = await connectionsWorld(moto.url, {
      env: {
        INF_APP_CONNECTION_AWS_ACCESS_KEY_ID: "AKIABROKENBROKEN0000",
        INF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY: "broken-secret-value-000000000000000000000",
      },
    });
    try {
      const card = (await broken.admin.send(appConnectionRoutes.serverPrincipal)).body;
      expect(card).toMatchObject({ configured: false, source: "environment" });
      expect(card.message).toContain("AKIABROKENBROKEN0000");
      const res = await broken.admin.send(appConnectionRoutes.create, {
        body: { name: "x", method: "assume-role", credentials: { roleArn: orgRole } },
      });
      expect(res.status).toBe(400);
      expect(res.body.reasonCode).toBe("aws_invalid_credentials");
      expect(res.body.message).toContain("INF_APP_CONNECTION_AWS_ACCESS_KEY_ID");
      expect(res.body.issues).toBeUndefined(); // not the person's field: the operator's configuration
    } finally {
      await broken.close();
    }
  });
});

describe("redaction", () => {
  it("leaves no secret key in any response, log line, audit record or database row", async () => {
    // Assumed-session secrets too: the proxy saw moto hand them out.
    for (const r of world.proxy.calls("AssumeRole")) {
      const match =
        r.outcome.kind === "forwarded" ? /<SecretAccessKey>([^<]+)<\/SecretAccessKey>/.exec(r.outcome.body) : null;
      if (match) secrets.push(match[1]!);
    }
    expect(secrets.length).toBeGreaterThan(3);
    expect(await leaksOf(world, secrets)).toEqual([]);
  });
});
