// Who may read, manage and use which connection: org B never sees org A's; a project
// viewer cannot read another project's connections nor use any; credentialsFor keeps a
// project-scoped connection to its own project.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import type { ApiClient } from "../../../test/ground/api-client.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import type { RequestContext, SystemContext } from "../../context.ts";
import { type ConnectionsWorld, connectionsWorld, createRole, iamAt, unique } from "./app-connections.fixtures.ts";

let world: ConnectionsWorld;
let roleArn: string;
let orgConn: { id: string };
let projectConn: { id: string };
let otherProject: string;
let otherProjectConn: { id: string };

beforeAll(async () => {
  world = await connectionsWorld(getTestGround().motoUrl);
  roleArn = await createRole(iamAt(getTestGround().motoUrl));
  const create = async (projectId?: string) =>
    (
      await world.admin.send(appConnectionRoutes.create, {
        body: {
          name: unique("c"),
          method: "assume-role",
          credentials: { roleArn },
          ...(projectId ? { projectId } : {}),
        },
      })
    ).body.appConnection;
  otherProject = await world.createProject();
  orgConn = await create();
  projectConn = await create(world.projectId);
  otherProjectConn = await create(otherProject);
});
afterAll(() => world.close());

/** The request context a route would build for this person (for credentialsFor). */
async function contextOf(client: ApiClient): Promise<RequestContext> {
  const cookie = client.cookie!;
  const actor = await world.server.services.auth.resolveSession(cookie.slice(cookie.indexOf("=") + 1));
  if (!actor) throw new Error("no session");
  return { actor: actor as RequestContext["actor"], ip: "127.0.0.1", userAgent: null, requestId: "test" };
}

describe("another organization", () => {
  it("cannot read, list, change, test, delete or use org A's connections: 404 throughout", async () => {
    const { client } = await world.server.createOtherOrgAdmin();
    for (const conn of [orgConn, projectConn]) {
      expect((await client.send(appConnectionRoutes.get, { params: { connectionId: conn.id } })).status).toBe(404);
      expect(
        (await client.send(appConnectionRoutes.update, { params: { connectionId: conn.id }, body: { name: "stolen" } }))
          .status,
      ).toBe(404);
      expect((await client.send(appConnectionRoutes.test, { params: { connectionId: conn.id } })).status).toBe(404);
      expect((await client.send(appConnectionRoutes.delete, { params: { connectionId: conn.id } })).status).toBe(404);
    }
    expect((await client.send(appConnectionRoutes.list, { query: { projectId: world.projectId } })).status).toBe(404);
    expect((await client.send(appConnectionRoutes.list)).body.appConnections).toEqual([]);
    expect(
      (
        await client.send(appConnectionRoutes.create, {
          body: { name: "x", projectId: world.projectId, method: "assume-role", credentials: { roleArn } },
        })
      ).status,
    ).toBe(404);
    const ctx = await contextOf(client);
    await expect(
      world.server.services.appConnections.credentialsFor(ctx, orgConn.id, { projectId: world.projectId }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("roles within the organization", () => {
  it("lets a project viewer read its project's connections but not another's, nor manage or use them", async () => {
    const { client } = await world.person("viewer");
    expect((await client.send(appConnectionRoutes.get, { params: { connectionId: projectConn.id } })).status).toBe(200);
    expect((await client.send(appConnectionRoutes.get, { params: { connectionId: otherProjectConn.id } })).status).toBe(
      404,
    );
    expect((await client.send(appConnectionRoutes.list, { query: { projectId: otherProject } })).status).toBe(404);
    expect(
      (
        await client.send(appConnectionRoutes.update, {
          params: { connectionId: projectConn.id },
          body: { description: "x" },
        })
      ).status,
    ).toBe(403);
    expect((await client.send(appConnectionRoutes.delete, { params: { connectionId: projectConn.id } })).status).toBe(
      403,
    );
    expect(
      (
        await client.send(appConnectionRoutes.create, {
          body: { name: "x", projectId: world.projectId, method: "assume-role", credentials: { roleArn } },
        })
      ).status,
    ).toBe(403);
    const ctx = await contextOf(client);
    await expect(
      world.server.services.appConnections.credentialsFor(ctx, projectConn.id, { projectId: world.projectId }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("lets a developer use its project's and the org's connections, never another project's", async () => {
    const { client } = await world.person("developer");
    const ctx = await contextOf(client);
    const own = await world.server.services.appConnections.credentialsFor(ctx, projectConn.id, {
      projectId: world.projectId,
    });
    expect(own.connection).toMatchObject({ id: projectConn.id, projectId: world.projectId, method: "assume-role" });
    const org = await world.server.services.appConnections.credentialsFor(ctx, orgConn.id, {
      projectId: world.projectId,
    });
    expect(org.connection.projectId).toBeNull();
    // Another project's connection: the developer cannot even see it.
    await expect(
      world.server.services.appConnections.credentialsFor(ctx, otherProjectConn.id, { projectId: world.projectId }),
    ).rejects.toMatchObject({ status: 404 });
    // Nor use anything for a project it is not a member of.
    await expect(
      world.server.services.appConnections.credentialsFor(ctx, orgConn.id, { projectId: otherProject }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await client.send(appConnectionRoutes.test, { params: { connectionId: projectConn.id } })).status).toBe(
      403,
    );
  });

  it("refuses a project-scoped connection for another project even to an org admin (403, named)", async () => {
    const ctx = await contextOf(world.admin);
    await expect(
      world.server.services.appConnections.credentialsFor(ctx, otherProjectConn.id, { projectId: world.projectId }),
    ).rejects.toMatchObject({ status: 403, code: "connection_not_in_project" });
  });

  it("lets an org member (not admin) read org-wide connections, but only org admins manage them", async () => {
    const { client } = await world.person(null);
    expect((await client.send(appConnectionRoutes.get, { params: { connectionId: orgConn.id } })).status).toBe(200);
    expect(
      (
        await client.send(appConnectionRoutes.update, {
          params: { connectionId: orgConn.id },
          body: { description: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await client.send(appConnectionRoutes.create, {
          body: { name: "x", method: "assume-role", credentials: { roleArn } },
        })
      ).status,
    ).toBe(403);
    expect((await client.send(appConnectionRoutes.serverPrincipal)).status).toBe(403);
  });

  it("lets a project admin manage its project's connections and see the server principal for it", async () => {
    const { client } = await world.person("admin");
    const res = await client.send(appConnectionRoutes.create, {
      body: { name: unique("own"), projectId: world.projectId, method: "assume-role", credentials: { roleArn } },
    });
    expect(res.status).toBe(200);
    expect(
      (await client.send(appConnectionRoutes.serverPrincipal, { query: { projectId: world.projectId } })).body,
    ).toMatchObject({
      configured: true,
    });
    expect((await client.send(appConnectionRoutes.serverPrincipal)).status).toBe(403);
    expect(
      (
        await client.send(appConnectionRoutes.create, {
          body: { name: unique("org"), method: "assume-role", credentials: { roleArn } },
        })
      ).status,
    ).toBe(403);
  });
});

describe("credentialsFor", () => {
  it("lets a background job of the org use a connection for its own project only", async () => {
    const system: SystemContext = {
      actor: { type: "system", id: null, orgId: world.orgId, name: "lease-expiry" },
      ip: null,
      userAgent: null,
      requestId: null,
    };
    const creds = await world.server.services.appConnections.credentialsFor(system, projectConn.id, {
      projectId: world.projectId,
    });
    expect(creds.connection.id).toBe(projectConn.id);
    await expect(
      world.server.services.appConnections.credentialsFor(system, projectConn.id, { projectId: otherProject }),
    ).rejects.toMatchObject({ status: 403 });
    const elsewhere: SystemContext = {
      ...system,
      actor: { ...system.actor, orgId: "00000000-0000-4000-8000-000000000000" },
    };
    await expect(
      world.server.services.appConnections.credentialsFor(elsewhere, projectConn.id, { projectId: world.projectId }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
