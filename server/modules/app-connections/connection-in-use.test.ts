// A connection is not deleted while something uses it, and the refusal lists the users.
// The dynamic-secrets module supplies the real ConnectionUsage (with its own test); here a
// stand-in drives the same route, so the refusal itself is proven independently.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { authRoutes } from "#client/core/routes/auth.ts";
import type { ConnectionUser } from "#shared/schemas/app-connections.ts";
import { createApiClient, TEST_PASSWORD } from "../../../test/ground/in-process-server.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import { createApp } from "../../app.ts";
import { createConnectionCredentialFactory } from "../../lib/aws/connection-credentials.ts";
import { type ConnectionsWorld, connectionsWorld, createRole, iamAt, unique } from "./app-connections.fixtures.ts";
import { createAppConnectionsRepo } from "./app-connections.repo.ts";
import { createAppConnectionsService } from "./app-connections.service.ts";

let world: ConnectionsWorld;
let users: ConnectionUser[] = [];
let client: ReturnType<typeof createApiClient>;

beforeAll(async () => {
  world = await connectionsWorld(getTestGround().motoUrl);
  const { core, services } = world.server;
  const appConnections = createAppConnectionsService({
    db: core.database.db,
    repo: createAppConnectionsRepo(),
    access: services.access,
    projects: services.projects,
    audit: services.audit,
    envelope: core.envelope,
    clock: core.clock,
    randomId: core.randomId,
    factory: createConnectionCredentialFactory({ aws: core.aws, env: core.env, clock: core.clock }),
    usage: { findUsers: async (_orgId, connectionId) => users.filter((u) => u.id.startsWith(connectionId)) },
  });
  client = createApiClient(createApp({ core, services: { ...services, appConnections } }));
  await client.send(authRoutes.login, { body: { email: world.session.user.email, password: TEST_PASSWORD } });
});
afterAll(() => world.close());

describe("deleting a connection in use", () => {
  it("is refused with 409, naming the dynamic secrets that use it; allowed once they are gone", async () => {
    const roleArn = await createRole(iamAt(getTestGround().motoUrl));
    const conn = (
      await client.send(appConnectionRoutes.create, {
        body: { name: unique("used"), method: "assume-role", credentials: { roleArn } },
      })
    ).body.appConnection;
    users = [
      { type: "dynamic-secret", id: `${conn.id}:1`, name: "ci-deployer", projectId: world.projectId },
      { type: "dynamic-secret", id: `${conn.id}:2`, name: "nightly-backup", projectId: world.projectId },
    ];
    const refused = await client.send(appConnectionRoutes.delete, { params: { connectionId: conn.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.reasonCode).toBe("connection_in_use");
    expect(refused.body.message).toContain('"ci-deployer", "nightly-backup"');
    expect(refused.body.details.users).toEqual(users);
    expect((await client.send(appConnectionRoutes.get, { params: { connectionId: conn.id } })).status).toBe(200);

    users = [];
    expect((await client.send(appConnectionRoutes.delete, { params: { connectionId: conn.id } })).status).toBe(200);
    expect((await client.send(appConnectionRoutes.get, { params: { connectionId: conn.id } })).status).toBe(404);
  });
});
