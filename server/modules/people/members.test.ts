import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import type { ApiClient } from "../../../test/ground/api-client.ts";
import {
  createTestServer,
  type SetupBody,
  TEST_PASSWORD,
  type TestServer,
} from "../../../test/ground/in-process-server.ts";

let server: TestServer;
let admin: ApiClient;
let session: SetupBody;
let orgId: string;

beforeAll(async () => {
  server = await createTestServer();
  ({ client: admin, session } = await server.setupFirstAdmin());
  orgId = session.organization.id;
});
afterAll(() => server.close());

async function invite(email: string, role: "admin" | "member" = "member", by: ApiClient = admin) {
  const res = await by.send(memberRoutes.add, { params: { orgId }, body: { email, role } });
  expect(res.status).toBe(200);
  return res.body as { member: { id: string; userId: string; status: string }; setupLink: string };
}

async function accept(setupLink: string, name = "New Person") {
  const token = new URL(setupLink).searchParams.get("token")!;
  const client = server.client();
  return {
    client,
    res: await client.send(authRoutes.acceptInvite, { body: { token, name, password: TEST_PASSWORD } }),
  };
}

describe("members", () => {
  it("adds a member with a one-time setup link that signs them in", async () => {
    const { member, setupLink } = await invite("grace@example.com");
    expect(member.status).toBe("invited");
    expect(setupLink).toMatch(/^http:\/\/localhost\/accept-invite\?token=lhi_/);
    const { client, res } = await accept(setupLink, "Grace");
    expect(res.status).toBe(200);
    expect(res.body.orgRole).toBe("member");
    expect((await client.send(authRoutes.session)).body.session.user.name).toBe("Grace");
    const again = await accept(setupLink);
    expect(again.res.status).toBe(400);
    expect(again.res.body.reasonCode).toBe("invalid_invite");
    const list = (await admin.send(memberRoutes.list, { params: { orgId }, query: { search: "grace" } })).body;
    expect(list.members).toEqual([expect.objectContaining({ email: "grace@example.com", status: "active" })]);
  });

  it("never stores or logs the setup link's token", async () => {
    const { setupLink } = await invite("linus@example.com");
    const token = new URL(setupLink).searchParams.get("token")!;
    expect(server.logs.join("\n")).not.toContain(token);
  });

  it("refuses a duplicate email and a bad role with field detail", async () => {
    expect(
      (await admin.send(memberRoutes.add, { params: { orgId }, body: { email: "grace@example.com" } })).status,
    ).toBe(409);
    const bad = await admin.send(memberRoutes.add, {
      params: { orgId },
      body: { email: "x@example.com", role: "owner" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["role"]);
  });

  it("lets only admins manage members", async () => {
    const { setupLink } = await invite("margaret@example.com");
    const { client } = await accept(setupLink, "Margaret");
    const res = await client.send(memberRoutes.add, { params: { orgId }, body: { email: "someone@example.com" } });
    expect(res.status).toBe(403);
    expect((await client.send(memberRoutes.list, { params: { orgId } })).status).toBe(200);
  });

  it("changes roles and never removes or demotes the last admin", async () => {
    const members = (await admin.send(memberRoutes.list, { params: { orgId } })).body.members as {
      id: string;
      email: string;
      role: string;
    }[];
    const me = members.find((m) => m.email === session.user.email)!;
    const demote = await admin.send(memberRoutes.update, {
      params: { orgId, memberId: me.id },
      body: { role: "member" },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.reasonCode).toBe("last_admin");
    expect((await admin.send(memberRoutes.remove, { params: { orgId, memberId: me.id } })).status).toBe(409);

    const { member, setupLink } = await invite("second-admin@example.com", "member");
    await accept(setupLink);
    expect(
      (await admin.send(memberRoutes.update, { params: { orgId, memberId: member.id }, body: { role: "admin" } })).body
        .member.role,
    ).toBe("admin");
    expect(
      (await admin.send(memberRoutes.update, { params: { orgId, memberId: me.id }, body: { role: "member" } })).status,
    ).toBe(200);
  });

  it("removing a member ends their sessions", async () => {
    // The original admin was demoted above; act as the second admin.
    const secondAdmin = server.client();
    await secondAdmin.send(authRoutes.login, { body: { email: "second-admin@example.com", password: TEST_PASSWORD } });
    const { member, setupLink } = await invite("temp@example.com", "member", secondAdmin);
    const { client } = await accept(setupLink);
    const other = (await server.createOtherOrgAdmin()).client;
    expect((await other.send(memberRoutes.remove, { params: { orgId, memberId: member.id } })).status).toBe(404);
    expect((await secondAdmin.send(memberRoutes.remove, { params: { orgId, memberId: member.id } })).status).toBe(200);
    expect((await client.send(authRoutes.session)).body).toEqual({ session: null, reasonCode: "session_expired" });
  });
});
