// Helpers for the app-connection integration tests: IAM roles in moto, people with
// project roles, and a Leasehold test server whose AWS calls go through the recording proxy.

import { randomUUID } from "node:crypto";
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { sql } from "drizzle-orm";
import { authRoutes } from "#client/core/routes/auth.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ApiClient } from "../../../test/ground/api-client.ts";
import {
  createTestServer,
  type SetupBody,
  TEST_PASSWORD,
  type TestServer,
} from "../../../test/ground/in-process-server.ts";
import { MOTO_ACCOUNT_ID } from "../../../test/ground/index.ts";
import { type AwsProxy, startAwsProxy } from "../../../test/proxy/aws-proxy.ts";
import type { Clock } from "../../context.ts";
import { queryRows } from "../../db/client.ts";
import type { ServiceOverrides } from "../../services.ts";

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** IAM calls made by the test itself, straight to moto with moto's default keys. */
export const iamAt = (motoUrl: string) =>
  new IAMClient({
    region: "us-east-1",
    endpoint: motoUrl,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });

/** A trust policy naming `principal`, optionally requiring an External ID. */
export function trustPolicyFor(principal: string, externalId?: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: "sts:AssumeRole",
        ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  };
}

export async function createRole(
  iam: IAMClient,
  trust: object = trustPolicyFor(`arn:aws:iam::${MOTO_ACCOUNT_ID}:root`),
) {
  const res = await iam.send(
    new CreateRoleCommand({ RoleName: unique("lh-role"), AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  return res.Role!.Arn!;
}

/** An IAM user with an access key and, optionally, an inline policy. */
export async function createUserWithKey(iam: IAMClient, policy?: object) {
  const userName = unique("lh-user");
  const user = await iam.send(new CreateUserCommand({ UserName: userName }));
  if (policy)
    await iam.send(
      new PutUserPolicyCommand({ UserName: userName, PolicyName: "inline", PolicyDocument: JSON.stringify(policy) }),
    );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
  return { userName, arn: user.User!.Arn!, accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

export const ASSUME_ANY_ROLE = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
};

export interface ConnectionsWorld {
  server: TestServer;
  proxy: AwsProxy;
  admin: ApiClient;
  session: SetupBody;
  orgId: string;
  projectId: string;
  /** A person of the org with the given project role (org role "member"). */
  person(
    role: "admin" | "developer" | "viewer" | null,
    projectId?: string,
  ): Promise<{ client: ApiClient; userId: string }>;
  createProject(name?: string): Promise<string>;
  /** Every client this world made, for greps over all responses. */
  clients: ApiClient[];
  close(): Promise<void>;
}

/** Every row of every table, as JSON text: what a database dump would hold. */
export async function dumpDatabase(server: TestServer): Promise<string> {
  const db = server.database.db;
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`select row_to_json(t)::text as row from ${sql.identifier(table_name)} t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

/** Where a secret could leak: responses, log lines, audit records, and the database itself. */
export async function leaksOf(world: ConnectionsWorld, secrets: string[]) {
  const responses = world.clients.flatMap((c) => c.responses).join("\n");
  const logs = world.server.logs.join("\n");
  const dump = await dumpDatabase(world.server);
  const audit = JSON.stringify(await queryRows(world.server.database.db, sql`select * from audit_logs`));
  const found: string[] = [];
  for (const secret of secrets) {
    for (const [where, text] of [
      ["responses", responses],
      ["logs", logs],
      ["database", dump],
      ["audit", audit],
    ] as const) {
      if (text.includes(secret)) found.push(`${secret.slice(0, 4)}… in ${where}`);
    }
  }
  return found;
}

/** A test server whose AWS endpoint is a recording proxy in front of `motoUrl`. */
export async function connectionsWorld(
  motoUrl: string,
  options: { env?: Record<string, string>; clock?: Clock; overrides?: ServiceOverrides } = {},
): Promise<ConnectionsWorld> {
  const proxy = await startAwsProxy({ target: motoUrl });
  const server = await createTestServer({
    env: { AWS_ENDPOINT_URL: proxy.url, ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  const { client: admin, session } = await server.setupFirstAdmin();
  const orgId = session.organization.id;
  const clients: ApiClient[] = [admin];

  async function createProject(name = unique("project")) {
    const res = await admin.send(projectRoutes.create, { body: { name } });
    if (res.status !== 200) throw new Error(`project: ${res.status} ${res.text}`);
    return res.body.project.id as string;
  }

  async function person(role: "admin" | "developer" | "viewer" | null, projectId = session.project.id) {
    const invite = (
      await admin.send(memberRoutes.add, { params: { orgId }, body: { email: `${unique("p")}@example.com` } })
    ).body;
    const client = server.client();
    clients.push(client);
    await client.send(authRoutes.acceptInvite, {
      body: { token: new URL(invite.setupLink).searchParams.get("token"), name: "Person", password: TEST_PASSWORD },
    });
    const userId = invite.member.userId as string;
    if (role) {
      const res = await admin.send(projectRoutes.addMembership, { params: { projectId }, body: { userId, role } });
      if (res.status !== 200) throw new Error(`membership: ${res.status} ${res.text}`);
    }
    return { client, userId };
  }

  return {
    server,
    proxy,
    admin,
    session,
    orgId,
    projectId: session.project.id,
    person,
    createProject,
    clients,
    close: async () => {
      await server.close();
      await proxy.stop();
    },
  };
}
