// The typed client's whole surface against a listening Leasehold (AWS calls to moto): a person's
// cookie session with CSRF for the admin side, a machine's bearer token from login({ aws }) for the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { expectNotLogged } from "../../server/modules/aws-auth/identity.fixtures.ts";
import { signedLogin } from "../../server/modules/aws-auth/signed-login.fixtures.ts";
import { TEST_PASSWORD } from "../../test/ground/in-process-server.ts";
import { isLeaseholdError, LeaseholdClient, LeaseholdError } from "../index.ts";
import { type MachineWorld, machineWorld } from "./machine-world.fixtures.ts";

/** Node has no cookie jar: this fetch keeps the session cookie, as a browser would. */
function cookieFetch(): typeof fetch {
  let cookie: string | undefined;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    return response;
  };
}

async function expectError(promise: Promise<unknown>, status: number, reasonCode?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeaseholdError);
  const leasehold = error as LeaseholdError;
  expect(leasehold.statusCode, leasehold.message).toBe(status);
  if (reasonCode) expect(leasehold.reasonCode).toBe(reasonCode);
  expect(leasehold.requestId).not.toBe("");
  return leasehold;
}

describe("LeaseholdClient", () => {
  let world: MachineWorld;
  let admin: LeaseholdClient;
  const secrets: string[] = [];

  beforeAll(async () => {
    world = await machineWorld();
    let csrfToken: string | undefined;
    admin = new LeaseholdClient({ baseUrl: world.url, fetch: cookieFetch(), session: { csrfToken: () => csrfToken } });
    const session = await admin.call(authRoutes.login, {
      body: { email: world.session.user.email, password: TEST_PASSWORD },
    });
    csrfToken = session.csrfToken;
  });
  afterAll(async () => {
    expectNotLogged(world.server.logs, secrets);
    await world.stop();
  });

  it("manages identities and AWS Auth with a cookie session and the CSRF header", async () => {
    const { identity } = await admin.identities.create({ name: "client-test", organizationId: world.orgId });
    expect(identity).toMatchObject({ name: "client-test", orgId: world.orgId, authMethods: [] });
    expect((await admin.identities.get({ identityId: identity.id })).identity.id).toBe(identity.id);
    expect((await admin.identities.update({ identityId: identity.id, name: "renamed" })).identity.name).toBe("renamed");
    const page = await admin.identities.list({ organizationId: world.orgId, search: "renamed" });
    expect(page.identities.map((i) => i.id)).toContain(identity.id);

    const attached = await admin.identityAuth.aws.attach({
      identityId: identity.id,
      allowedAccountIds: "123456789012",
      accessTokenTTL: 600,
    });
    expect(attached.identityAwsAuth).toMatchObject({ identityId: identity.id, type: "iam", accessTokenTTL: 600 });
    const updated = await admin.identityAuth.aws.update({ identityId: identity.id, accessTokenNumUsesLimit: 5 });
    expect(updated.identityAwsAuth.accessTokenNumUsesLimit).toBe(5);
    expect((await admin.identityAuth.aws.get({ identityId: identity.id })).identityAwsAuth.accessTokenTTL).toBe(600);

    // Field-level issues reach the caller on the one error type.
    const invalid = await expectError(
      admin.identityAuth.aws.update({ identityId: identity.id, allowedAccountIds: "12" }),
      400,
    );
    expect(invalid.issues[0]?.path).toEqual(["allowedAccountIds"]);

    expect((await admin.identityAuth.aws.revoke({ identityId: identity.id })).identityAwsAuth.identityId).toBe(
      identity.id,
    );
    await expectError(admin.identityAuth.aws.get({ identityId: identity.id }), 404);
    expect((await admin.identities.delete({ identityId: identity.id })).identity.id).toBe(identity.id);
    await expectError(admin.identities.get({ identityId: identity.id }), 404);
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const jar = cookieFetch();
    const noCsrf = new LeaseholdClient({ baseUrl: world.url, fetch: jar, session: { csrfToken: () => null } });
    await noCsrf.call(authRoutes.login, {
      body: { email: world.session.user.email, password: TEST_PASSWORD },
    });
    await expectError(noCsrf.identities.create({ name: "x", organizationId: world.orgId }), 403, "csrf_failed");
  });

  it("manages dynamic secrets", async () => {
    const location = { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" };
    const { name } = await world.createSecret({ defaultTTL: "15m" });
    expect((await admin.dynamicSecrets.get({ name, ...location })).dynamicSecret.defaultTTL).toBe("15m");
    expect((await admin.dynamicSecrets.list(location)).dynamicSecrets.map((s) => s.name)).toContain(name);
    const updated = await admin.dynamicSecrets.update({ name, ...location, data: { defaultTTL: "20m" } });
    expect(updated.dynamicSecret.defaultTTL).toBe("20m");
    // Test configuration answers typed checks: each with a status, and the field or action it concerns.
    const tested = await admin.dynamicSecrets.testConfiguration({ ...location, name });
    expect(tested.checks[0]).toMatchObject({ id: "credentials", status: "ok", field: null, action: null });
    expect(tested.checks.find((c) => c.id === "field:awsPath")?.field).toEqual(["provider", "inputs", "awsPath"]);
    expect(tested.ok).toBe(tested.checks.every((c) => c.status !== "failed"));
    expect((await admin.dynamicSecrets.delete({ name, ...location })).dynamicSecret.name).toBe(name);
    await expectError(admin.dynamicSecrets.get({ name, ...location }), 404);
  });

  it("logs in with login({ aws }), sending the server ID, then leases and ends the token", async () => {
    expect(await new LeaseholdClient({ baseUrl: world.url }).serverInfo()).toEqual({
      product: "leasehold",
      serverId: "cli-test-server",
    });
    const { identity, principal } = await world.machine("developer", {
      serverIdHeader: true,
      accessTokenTTL: 600,
      accessTokenMaxTTL: 3600,
    });
    secrets.push(principal.credentials.secretAccessKey);
    const machine = new LeaseholdClient({ baseUrl: world.url, awsCredentials: principal.credentials });
    const token = await machine.login({ aws: { identityId: identity.id } });
    expect(token).toMatchObject({ tokenType: "Bearer", expiresIn: 600, accessTokenMaxTTL: 3600 });
    expect(machine.accessToken).toBe(token.accessToken);
    secrets.push(token.accessToken);
    // A second login signs afresh (a server refusing replayed signatures accepts both).
    const again = new LeaseholdClient({ baseUrl: world.url, awsCredentials: principal.credentials });
    await again.login({ aws: { identityId: identity.id } });
    expect((await machine.identities.get({ identityId: identity.id })).identity.name).toBe(identity.name);

    const { name } = await world.createSecret({ defaultTTL: "15m", maxTTL: "1h" });
    const location = { projectSlug: world.location.projectSlug, environmentSlug: "dev" };
    const created = await machine.leases.create({ dynamicSecretName: name, ...location, ttl: "10m" });
    secrets.push(created.data.SECRET_ACCESS_KEY);
    expect(created.data.ACCESS_KEY).toMatch(/^AKIA/);
    const leaseId = created.lease.id;
    expect((await machine.leases.get({ leaseId, ...location })).lease.status).toBe("active");
    const listed = await machine.leases.list({ dynamicSecretName: name, ...location, status: "active" });
    expect(listed.leases.map((l) => l.id)).toEqual([leaseId]);
    const renewed = await machine.leases.renew({ leaseId, ...location, ttl: 300 });
    expect(Date.parse(renewed.lease.expireAt) - Date.parse(created.lease.expireAt)).toBe(300_000);
    await expectError(machine.leases.renew({ leaseId, ...location, ttl: "2h" }), 400);
    expect((await machine.leases.revoke({ leaseId, ...location })).lease.status).toBe("revoked");

    const renewedToken = await machine.token.renew();
    expect(renewedToken.accessToken).toBe(token.accessToken);
    expect(await machine.token.revoke()).toHaveProperty("message");
    expect(machine.accessToken).toBeUndefined();
    machine.accessToken = token.accessToken;
    await expectError(machine.identities.get({ identityId: identity.id }), 401);
  });

  it("accepts the seed's raw signed request in login({ awsAuth }); refusals carry reason codes", async () => {
    const { identity, principal } = await world.machine("developer", { serverIdHeader: false });
    const client = new LeaseholdClient({ baseUrl: world.url });
    const raw = await signedLogin({ identityId: identity.id, credentials: principal.credentials, raw: true });
    const token = await client.login({ awsAuth: raw });
    secrets.push(token.accessToken);
    expect(client.accessToken).toBe(token.accessToken);

    const other = await world.machine("developer");
    const refused = await expectError(
      new LeaseholdClient({ baseUrl: world.url, awsCredentials: other.principal.credentials }).login({
        aws: { identityId: identity.id },
      }),
      403,
      "principal_arn_not_allowed",
    );
    expect(refused.message).toContain(other.principal.arn);
    expect(refused.toJSON()).toMatchObject({ statusCode: 403, reasonCode: "principal_arn_not_allowed" });
  });

  it("turns an unreachable server and a non-Leasehold answer into a LeaseholdError", async () => {
    const down = await new LeaseholdClient({ baseUrl: "http://127.0.0.1:9" }).serverInfo().catch((e: unknown) => e);
    expect(isLeaseholdError(down) && [down.statusCode, down.reasonCode]).toEqual([0, "network_error"]);
    const html = new LeaseholdClient({
      baseUrl: world.url,
      fetch: async () => new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    });
    const proxied = await html.serverInfo().catch((e: unknown) => e);
    expect(isLeaseholdError(proxied) && [proxied.statusCode, proxied.reasonCode]).toEqual([502, "unexpected_response"]);
    const drifted = new LeaseholdClient({ baseUrl: world.url, fetch: async () => Response.json({ serverId: 1 }) });
    const wrong = await drifted.serverInfo().catch((e: unknown) => e);
    expect(isLeaseholdError(wrong) && wrong.reasonCode).toBe("unexpected_response");
  });
});
