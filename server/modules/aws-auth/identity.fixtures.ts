// Test support: an org with an admin, and identities with AWS Auth attached through the API.

import { expect } from "vitest";
import { authRoutes } from "#client/core/routes/auth.ts";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import type { AttachAwsAuthInput } from "#shared/schemas/aws-auth.ts";
import type { ApiClient } from "../../../test/ground/api-client.ts";
import { createApiClient, TEST_PASSWORD, type TestServer } from "../../../test/ground/in-process-server.ts";
import { uniqueName } from "./moto-principals.fixtures.ts";

export interface Org {
  admin: ApiClient;
  orgId: string;
  projectId: string;
}

export async function setupOrg(server: TestServer): Promise<Org> {
  const { client, session } = await server.setupFirstAdmin();
  return { admin: client, orgId: session.organization.id, projectId: session.project.id };
}

/** A signed-in org member (not admin), through the invite flow. */
export async function inviteMember(server: TestServer, org: Org) {
  const invite = (
    await org.admin.send(memberRoutes.add, {
      params: { orgId: org.orgId },
      body: { email: `${uniqueName("member")}@example.com` },
    })
  ).body;
  const member = server.client();
  const res = await member.send(authRoutes.acceptInvite, {
    body: { token: new URL(invite.setupLink).searchParams.get("token"), name: "Member", password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  return member;
}

export async function createIdentity(
  admin: ApiClient,
  orgId: string,
  input: { name?: string; role?: "admin" | "member" } = {},
) {
  const res = await admin.send(identityRoutes.create, {
    body: {
      name: input.name ?? uniqueName("machine"),
      organizationId: orgId,
      ...(input.role ? { role: input.role } : {}),
    },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.identity as { id: string; name: string; orgId: string; role: string; authMethods: string[] };
}

export async function createAwsIdentity(
  admin: ApiClient,
  orgId: string,
  config: AttachAwsAuthInput,
  input: { name?: string; role?: "admin" | "member" } = {},
) {
  const identity = await createIdentity(admin, orgId, input);
  const res = await admin.send(awsAuthRoutes.attach, { params: { identityId: identity.id }, body: config });
  expect(res.status, res.text).toBe(200);
  return { identity, awsAuth: res.body.identityAwsAuth };
}

/** A client that presents a bearer token from a given address. */
export function bearerClient(server: TestServer, token: string, peer = "198.51.100.10") {
  const client = createApiClient(server.app, { peer });
  client.useBearer(token);
  return client;
}

/** Every secret must be absent from every captured log line. */
export function expectNotLogged(logs: string[], secrets: (string | undefined)[]) {
  const text = logs.join("\n");
  for (const secret of secrets) {
    if (!secret) continue;
    expect(text.includes(secret), `a secret (${secret.slice(0, 6)}…) appears in the logs`).toBe(false);
  }
}
