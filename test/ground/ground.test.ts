// The test ground itself: if these fail, every other integration test's
// failure means nothing.

import { GetPolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase, getTestGround, MOTO_ACCOUNT_ID, resetMotoAuth, startMoto } from "./index.ts";

// No endpoint or credentials given: setup-env.ts must have pointed the SDK at moto.
const region = "us-east-1";

describe("test ground", () => {
  it("points the AWS SDK at the shared moto", async () => {
    const identity = await new STSClient({ region }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MOTO_ACCOUNT_ID);
    expect(process.env.AWS_ENDPOINT_URL).toBe(getTestGround().motoUrl);
  });

  it("loads AWS managed policies into moto", async () => {
    const policy = await new IAMClient({ region }).send(
      new GetPolicyCommand({ PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
    );
    expect(policy.Policy?.PolicyName).toBe("ReadOnlyAccess");
  });

  it("starts a private authenticating moto that rejects unknown keys", async () => {
    const moto = await startMoto({ authenticating: 0 });
    try {
      const sts = new STSClient({ region, endpoint: moto.url });
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
      await resetMotoAuth(moto.url, 1);
      await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: MOTO_ACCOUNT_ID });
    } finally {
      await moto.stop();
    }
  });

  it(`gives this pass a working ${getTestGround().dbKind} database`, async () => {
    const ground = getTestGround();
    if (ground.dbKind === "postgres") {
      const [a, b] = await Promise.all([
        createDatabase(ground.postgresAdminUrl!),
        createDatabase(ground.postgresAdminUrl!),
      ]);
      expect(a).not.toBe(b);
      const client = new pg.Client({ connectionString: a });
      await client.connect();
      try {
        const { rows } = await client.query("select current_database() as name");
        expect(a.endsWith(`/${rows[0].name}`)).toBe(true);
      } finally {
        await client.end();
      }
    } else {
      expect(ground.postgresAdminUrl).toBeNull();
      const db = new PGlite();
      const { rows } = await db.query<{ one: number }>("select 1 as one");
      expect(rows[0]?.one).toBe(1);
      await db.close();
    }
  });
});
