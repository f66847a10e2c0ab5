import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { createTestClock } from "../../../test/ground/in-process-server.ts";
import { getTestGround, MOTO_ACCOUNT_ID } from "../../../test/ground/index.ts";
import { appConnections, auditLogs } from "../../db/schema.ts";
import {
  type ConnectionsWorld,
  connectionsWorld,
  createRole,
  iamAt,
  leaksOf,
  unique,
} from "./app-connections.fixtures.ts";

// moto's keys for an access-key connection: moto (not authenticating) accepts any pair.
const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

const clock = createTestClock(new Date());
let world: ConnectionsWorld;
let roleArn: string;

beforeAll(async () => {
  world = await connectionsWorld(getTestGround().motoUrl, { clock });
  roleArn = await createRole(iamAt(getTestGround().motoUrl));
});
afterAll(() => world.close());

const createAssumeRole = (body: Record<string, unknown> = {}) =>
  world.admin.send(appConnectionRoutes.create, {
    body: { name: unique("conn"), method: "assume-role", credentials: { roleArn }, ...body },
  });

describe("creating connections", () => {
  it("creates an org-scoped role connection: AssumeRole (External ID = org ID), then GetCallerIdentity", async () => {
    world.proxy.reset();
    const res = await createAssumeRole({ name: "prod-aws", description: "Production account" });
    expect(res.status).toBe(200);
    const conn = res.body.appConnection;
    expect(conn).toMatchObject({
      name: "prod-aws",
      description: "Production account",
      projectId: null,
      orgId: world.orgId,
      version: 1,
      app: "aws",
      method: "assume-role",
      credentials: { roleArn, stsEndpoint: null },
      externalId: world.orgId,
      status: "connected",
    });
    expect(conn.identityArn).toBe(
      `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/${roleArn.split("/").pop()}/leasehold-${conn.id}`,
    );
    const [assume, ...rest] = world.proxy.requests;
    expect(assume?.action).toBe("AssumeRole");
    expect(assume?.params).toMatchObject({
      RoleArn: roleArn,
      ExternalId: world.orgId,
      RoleSessionName: `leasehold-${conn.id}`,
    });
    expect(rest.map((r) => r.action)).toEqual(["GetCallerIdentity"]);
    // GetCallerIdentity is signed by the assumed session, not by the server's own key.
    expect(rest[0]!.accessKeyId).not.toBe(assume!.accessKeyId);
  });

  it("creates a project-scoped connection whose External ID is the project ID", async () => {
    world.proxy.reset();
    const res = await createAssumeRole({ projectId: world.projectId });
    expect(res.status).toBe(200);
    expect(res.body.appConnection).toMatchObject({ projectId: world.projectId, externalId: world.projectId });
    expect(world.proxy.calls("AssumeRole")[0]?.params.ExternalId).toBe(world.projectId);
  });

  it("creates an access-key connection (secretKey accepted as an alias) and answers with the key ID only", async () => {
    for (const credentials of [
      { accessKeyId: KEY_ID, secretAccessKey: SECRET },
      { accessKeyId: KEY_ID, secretKey: SECRET },
    ]) {
      world.proxy.reset();
      const res = await world.admin.send(appConnectionRoutes.create, {
        body: { name: unique("keys"), method: "access-key", credentials },
      });
      expect(res.status).toBe(200);
      expect(res.body.appConnection).toMatchObject({
        method: "access-key",
        credentials: { accessKeyId: KEY_ID },
        externalId: null,
        identityArn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:user/moto`,
      });
      expect(res.body.appConnection.credentials).toEqual({ accessKeyId: KEY_ID });
      expect(res.text).not.toContain(SECRET);
      expect(world.proxy.requests.map((r) => [r.action, r.accessKeyId])).toEqual([["GetCallerIdentity", KEY_ID]]);
    }
  });

  it("stores a chosen STS endpoint normalised, and signs for its region", async () => {
    world.proxy.reset();
    const res = await createAssumeRole({
      credentials: { roleArn, stsEndpoint: "https://STS.eu-west-1.amazonaws.com" },
    });
    expect(res.status).toBe(200);
    expect(res.body.appConnection.credentials.stsEndpoint).toBe("https://sts.eu-west-1.amazonaws.com/");
    expect(world.proxy.calls("AssumeRole")[0]?.region).toBe("eu-west-1");
    const empty = await createAssumeRole({ credentials: { roleArn, stsEndpoint: "" } });
    expect(empty.body.appConnection.credentials.stsEndpoint).toBeNull();
  });
});

describe("bad input: a 400 naming the field, and no call to AWS", () => {
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    [
      "a user ARN as role",
      { method: "assume-role", credentials: { roleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:user/bob` } },
      ["credentials", "roleArn"],
    ],
    [
      "a malformed role ARN",
      { method: "assume-role", credentials: { roleArn: "role/admin" } },
      ["credentials", "roleArn"],
    ],
    ["no role ARN", { method: "assume-role", credentials: {} }, ["credentials", "roleArn"]],
    ["an unknown method", { method: "password", credentials: {} }, ["method"]],
    [
      "no secret key",
      { method: "access-key", credentials: { accessKeyId: KEY_ID } },
      ["credentials", "secretAccessKey"],
    ],
    [
      "a temporary key",
      { method: "access-key", credentials: { accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET } },
      ["credentials", "accessKeyId"],
    ],
    [
      "a key ID with spaces",
      { method: "access-key", credentials: { accessKeyId: "AKIA IOSFODNN7EXAMPLE", secretAccessKey: SECRET } },
      ["credentials", "accessKeyId"],
    ],
    [
      "two different secrets",
      { method: "access-key", credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET, secretKey: "other" } },
      ["credentials", "secretKey"],
    ],
    [
      "a name that is not a slug",
      { name: "Prod AWS!", method: "assume-role", credentials: { roleArn: "arn:aws:iam::123456789012:role/x" } },
      ["name"],
    ],
    [
      "a project ID that is not a UUID",
      { projectId: "p1", method: "assume-role", credentials: { roleArn: "arn:aws:iam::123456789012:role/x" } },
      ["projectId"],
    ],
  ];
  for (const [what, body, path] of cases) {
    it(`refuses ${what}`, async () => {
      world.proxy.reset();
      const res = await world.admin.send(appConnectionRoutes.create, { body: { name: unique("bad"), ...body } });
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      expect(world.proxy.requests).toHaveLength(0);
    });
  }

  const hostileEndpoints = [
    ["plain http", "http://sts.amazonaws.com", /https/],
    ["another host", "https://evil.example", /AWS STS endpoint/],
    ["a look-alike host", "https://sts.amazonaws.com.evil.example", /AWS STS endpoint/],
    ["an IP address", "https://169.254.169.254", /AWS STS endpoint/],
    ["userinfo before the real host", "https://sts.amazonaws.com@evil.example", /user name or password/],
    ["userinfo with a password", "https://user:pass@sts.amazonaws.com", /user name or password/],
    ["an unknown region", "https://sts.mars-north-1.amazonaws.com", /not a known AWS region/],
    ["a port", "https://sts.amazonaws.com:8443", /port/],
    ["a path", "https://sts.amazonaws.com/redirect?to=evil", /path/],
    ["not a URL", "sts.amazonaws.com", /full URL/],
  ] as const;
  for (const [what, stsEndpoint, reason] of hostileEndpoints) {
    it(`refuses an STS endpoint with ${what}`, async () => {
      world.proxy.reset();
      const name = unique("hostile");
      const res = await world.admin.send(appConnectionRoutes.create, {
        body: { name, method: "assume-role", credentials: { roleArn, stsEndpoint } },
      });
      expect(res.status).toBe(400);
      const issue = res.body.issues.find((i: { path: string[] }) => i.path.join(".") === "credentials.stsEndpoint");
      expect(issue?.message).toMatch(reason);
      expect(world.proxy.requests).toHaveLength(0);
      expect((await world.admin.send(appConnectionRoutes.getByName, { params: { connectionName: name } })).status).toBe(
        404,
      );
    });
  }
});

describe("names, reads and lists", () => {
  it("keeps names unique within a scope only", async () => {
    const name = unique("same");
    expect((await createAssumeRole({ name })).status).toBe(200);
    world.proxy.reset();
    const again = await createAssumeRole({ name });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      reasonCode: "name_taken",
      issues: [expect.objectContaining({ path: ["name"] })],
    });
    expect(world.proxy.requests).toHaveLength(0);
    const other = await world.createProject();
    expect((await createAssumeRole({ name, projectId: world.projectId })).status).toBe(200);
    expect((await createAssumeRole({ name, projectId: other })).status).toBe(200);
    expect((await createAssumeRole({ name, projectId: other })).status).toBe(400);
  });

  it("gets by ID and by name, and lists the org's or a project's usable connections", async () => {
    const orgConn = (await createAssumeRole()).body.appConnection;
    const projectConn = (await createAssumeRole({ projectId: world.projectId })).body.appConnection;
    const other = await world.createProject();
    const otherConn = (await createAssumeRole({ projectId: other })).body.appConnection;

    expect(
      (await world.admin.send(appConnectionRoutes.get, { params: { connectionId: orgConn.id } })).body.appConnection,
    ).toEqual(orgConn);
    expect(
      (await world.admin.send(appConnectionRoutes.getByName, { params: { connectionName: orgConn.name } })).body
        .appConnection.id,
    ).toBe(orgConn.id);
    expect(
      (
        await world.admin.send(appConnectionRoutes.getByName, {
          params: { connectionName: projectConn.name },
          query: { projectId: world.projectId },
        })
      ).body.appConnection.id,
    ).toBe(projectConn.id);
    expect(
      (await world.admin.send(appConnectionRoutes.getByName, { params: { connectionName: projectConn.name } })).status,
    ).toBe(404);

    const orgList = (await world.admin.send(appConnectionRoutes.list)).body.appConnections.map(
      (c: { id: string }) => c.id,
    );
    expect(orgList).toContain(orgConn.id);
    expect(orgList).not.toContain(projectConn.id);
    const projectList = (
      await world.admin.send(appConnectionRoutes.list, { query: { projectId: world.projectId } })
    ).body.appConnections.map((c: { id: string }) => c.id);
    expect(projectList).toEqual(expect.arrayContaining([orgConn.id, projectConn.id]));
    expect(projectList).not.toContain(otherConn.id);
  });
});

describe("updating", () => {
  it("renames and re-describes without calling AWS or bumping the version", async () => {
    const conn = (await createAssumeRole()).body.appConnection;
    world.proxy.reset();
    const res = await world.admin.send(appConnectionRoutes.update, {
      params: { connectionId: conn.id },
      body: { name: unique("renamed"), description: "now described" },
    });
    expect(res.status).toBe(200);
    expect(res.body.appConnection).toMatchObject({ version: 1, description: "now described" });
    expect(world.proxy.requests).toHaveLength(0);
  });

  it("validates new credentials, bumps the version, and keeps the old ones when AWS refuses", async () => {
    const conn = (await createAssumeRole()).body.appConnection;
    const newRole = await createRole(iamAt(getTestGround().motoUrl));
    const res = await world.admin.send(appConnectionRoutes.update, {
      params: { connectionId: conn.id },
      body: { credentials: { roleArn: newRole } },
    });
    expect(res.status).toBe(200);
    expect(res.body.appConnection).toMatchObject({ version: 2, credentials: { roleArn: newRole } });

    world.proxy.inject({
      action: "AssumeRole",
      fault: { kind: "aws-error", code: "AccessDenied", status: 403, message: "not authorized" },
    });
    const refused = await world.admin.send(appConnectionRoutes.update, {
      params: { connectionId: conn.id },
      body: { credentials: { roleArn } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0].path).toEqual(["credentials", "roleArn"]);
    expect(
      (await world.admin.send(appConnectionRoutes.get, { params: { connectionId: conn.id } })).body.appConnection,
    ).toMatchObject({
      version: 2,
      credentials: { roleArn: newRole },
    });
  });

  it("checks new credentials against the connection's method, field by field", async () => {
    const role = (await createAssumeRole()).body.appConnection;
    const keys = (
      await world.admin.send(appConnectionRoutes.create, {
        body: {
          name: unique("keys"),
          method: "access-key",
          credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
        },
      })
    ).body.appConnection;
    const cases: [string, unknown, string][] = [
      [role.id, { accessKeyId: KEY_ID, secretAccessKey: SECRET }, "credentials.accessKeyId"],
      [role.id, { roleArn: "arn:aws:iam::123456789012:user/x" }, "credentials.roleArn"],
      [role.id, { stsEndpoint: "https://evil.example" }, "credentials.stsEndpoint"],
      [keys.id, { roleArn }, "credentials.roleArn"],
      [keys.id, { accessKeyId: "AKIAIOSFODNN7EXAMPL2" }, "credentials.secretAccessKey"],
    ];
    for (const [id, credentials, field] of cases) {
      world.proxy.reset();
      const res = await world.admin.send(appConnectionRoutes.update, {
        params: { connectionId: id },
        body: { credentials },
      });
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { path: string[] }) => i.path.join("."))).toContain(field);
      expect(world.proxy.requests).toHaveLength(0);
    }
    const rotated = await world.admin.send(appConnectionRoutes.update, {
      params: { connectionId: keys.id },
      body: { credentials: { secretAccessKey: SECRET } },
    });
    expect(rotated.body.appConnection.version).toBe(2);
  });

  it("refuses a rename onto a taken name, and an empty patch", async () => {
    const a = (await createAssumeRole()).body.appConnection;
    const b = (await createAssumeRole()).body.appConnection;
    const res = await world.admin.send(appConnectionRoutes.update, {
      params: { connectionId: b.id },
      body: { name: a.name },
    });
    expect(res.status).toBe(400);
    expect(res.body.reasonCode).toBe("name_taken");
    expect(
      (await world.admin.send(appConnectionRoutes.update, { params: { connectionId: b.id }, body: {} })).status,
    ).toBe(400);
  });
});

describe("testing a stored connection", () => {
  it("records success and failure with the time of the check", async () => {
    const conn = (await createAssumeRole()).body.appConnection;
    clock.advance(3600);
    const ok = await world.admin.send(appConnectionRoutes.test, { params: { connectionId: conn.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.appConnection).toMatchObject({ status: "connected", lastCheckedAt: clock.now().toISOString() });

    clock.advance(60);
    world.proxy.inject({ action: "AssumeRole", fault: { kind: "aws-error", code: "AccessDenied", status: 403 } });
    const failed = await world.admin.send(appConnectionRoutes.test, { params: { connectionId: conn.id } });
    expect(failed.status).toBe(400);
    expect(failed.body.reasonCode).toBe("aws_access_denied");
    expect(failed.body.message).toContain(`External ID "${world.orgId}"`);
    const after = (await world.admin.send(appConnectionRoutes.get, { params: { connectionId: conn.id } })).body
      .appConnection;
    expect(after).toMatchObject({ status: "failed", lastCheckedAt: clock.now().toISOString() });
    expect(after.statusMessage).toContain("AccessDenied");

    const audit = await world.server.database.db.select().from(auditLogs).where(eq(auditLogs.resourceId, conn.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["app-connection.create", "app-connection.test"]),
    );
    expect(audit.filter((a) => a.action === "app-connection.test").map((a) => a.metadata.ok)).toEqual(
      expect.arrayContaining([true, false]),
    );
  });
});

describe("deleting", () => {
  it("deletes, audits, and answers 404 afterwards", async () => {
    const conn = (await createAssumeRole()).body.appConnection;
    const res = await world.admin.send(appConnectionRoutes.delete, { params: { connectionId: conn.id } });
    expect(res.status).toBe(200);
    expect(res.body.appConnection.id).toBe(conn.id);
    expect((await world.admin.send(appConnectionRoutes.get, { params: { connectionId: conn.id } })).status).toBe(404);
    expect((await world.admin.send(appConnectionRoutes.delete, { params: { connectionId: conn.id } })).status).toBe(
      404,
    );
    const rows = await world.server.database.db.select().from(appConnections).where(eq(appConnections.id, conn.id));
    expect(rows).toHaveLength(0);
  });
});

describe("redaction", () => {
  it("keeps the secret key out of every response, log line, audit record and database row", async () => {
    const rows = await world.server.database.db
      .select()
      .from(appConnections)
      .where(eq(appConnections.method, "access-key"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.secretAccessKeyCiphertext?.startsWith("v1."))).toBe(true);
    expect(await leaksOf(world, [SECRET])).toEqual([]);
  });
});
