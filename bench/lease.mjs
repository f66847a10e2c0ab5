// `npm run bench:lease`: the wall time of creating and of revoking a lease, against one AWS
// round trip. The recording proxy sits between Leasehold and moto and adds 50 ms (the RTT)
// to every AWS call; the user gets 3 groups, 3 managed policies and an inline policy.
// Targets: create ≤ 2.3 RTT (CreateUser, then everything else at once) and revoke ≤ 3.3 RTT
// (lists, deletes, DeleteUser). Temporary credentials (an assume-role secret): create ≤ 1.2 RTT
// (one AssumeRole) and revoke ≤ 2.2 RTT (the deny list, one PutRolePolicy). Runs on PGlite and on
// PostgreSQL; exits non-zero over target.
//
// moto serves one request at a time, so a wave of 8 or 10 parallel calls costs it several
// times what one call does; real IAM serves them at once. The bench therefore also replays
// the very same calls, in the same waves, with a bare SDK client ("without Leasehold"), and
// judges what Leasehold decides: its sequential AWS rounds plus its own time.
//   BENCH_LEASES (default 40), BENCH_RTT_MS (default 50), BENCH_DATABASES (default pglite,postgres)
import { randomBytes, randomUUID } from "node:crypto";
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListUserPoliciesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { createApp } from "../server/app.ts";
import { openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { loadEnv } from "../server/env.ts";
import { createEnvelope } from "../server/lib/crypto/envelope.ts";
import { createLogger } from "../server/lib/logger.ts";
import { answerServiceSpecificCredentialsLikeAws } from "../server/modules/dynamic-secrets/moto-gaps.fixtures.ts";
import { createCoreDeps, createServices } from "../server/services.ts";
import { createApiClient } from "../test/ground/api-client.ts";
import { startMoto } from "../test/ground/moto.ts";
import { createDatabase, startPostgresCluster } from "../test/ground/postgres.ts";
import { startAwsProxy } from "../test/proxy/aws-proxy.ts";

const LEASES = Number(process.env.BENCH_LEASES ?? 40);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 50);
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const TARGETS = {
  "iam-user": { create: 2.3, revoke: 3.3 },
  "temporary-credentials": { create: 1.2, revoke: 2.2 },
};
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
});
const TEST_KEYS = { accessKeyId: "testing", secretAccessKey: "testing" };

const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
const fixed = (n, digits = 1) => n.toFixed(digits);

/** Sequential AWS rounds on the critical path: calls that arrive together form one wave. */
function waves(requests) {
  const arrivals = requests.map((r) => r.receivedAt).sort((a, b) => a - b);
  return arrivals.reduce(
    (count, at, i) => count + (i > 0 && at - arrivals[i - 1] > RTT_MS * 0.6 ? 1 : 0),
    arrivals.length ? 1 : 0,
  );
}

/** A Leasehold app on a fresh database, and a dynamic secret whose users get 3 groups, 3 policies and an inline policy. */
async function startLeasehold(kind, { proxy, cluster, groups, policies, roleArn }) {
  const database =
    kind === "postgres"
      ? await openDatabase({ kind: "postgres", url: await createDatabase(cluster.adminUrl) })
      : await openDatabase({ kind: "pglite", dataDir: null });
  await runMigrations(database.db);
  const env = loadEnv({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: proxy.url,
    LEASEHOLD_LEASE_QUOTA: "10000",
    // The principal that assumes the temporary-credentials secret's role (moto's default mode takes any key).
    DYNAMIC_SECRET_AWS_ACCESS_KEY_ID: TEST_KEYS.accessKeyId,
    DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretAccessKey,
  });
  const core = createCoreDeps({
    env,
    database,
    envelope: createEnvelope(randomBytes(32)),
    logger: createLogger({ level: "silent" }),
  });
  const client = createApiClient(createApp({ core, services: createServices(core) }));
  const setup = await client.post("/api/v1/setup", {
    name: "Bench",
    email: `bench-${randomUUID().slice(0, 8)}@example.com`,
    password: "correct horse battery staple",
    organizationName: "Bench",
    projectName: "Bench",
  });
  if (setup.status !== 200) throw new Error(`setup: ${setup.text}`);
  const location = { projectSlug: setup.body.project.slug, environmentSlug: "dev", path: "/" };
  const secret = await client.post("/api/v1/dynamic-secrets", {
    ...location,
    name: "bench",
    defaultTTL: "1h",
    provider: {
      type: "aws-iam",
      inputs: {
        method: "access-key",
        accessKey: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
        secretAccessKey: randomBytes(30).toString("base64url").slice(0, 40),
        region: "us-east-1",
        awsPath: "/bench/",
        userGroups: groups.join(","),
        policyArns: policies.join(","),
        policyDocument: POLICY,
      },
    },
  });
  if (secret.status !== 200) throw new Error(`dynamic secret: ${secret.text}`);
  const sessions = await client.post("/api/v1/dynamic-secrets", {
    ...location,
    name: "bench-sts",
    defaultTTL: "1h",
    provider: {
      type: "aws-iam",
      inputs: { credentialType: "temporary-credentials", method: "assume-role", roleArn, region: "us-east-1" },
    },
  });
  if (sessions.status !== 200) throw new Error(`dynamic secret: ${sessions.text}`);
  return { database, client, location, core };
}

/**
 * Creates and revokes LEASES leases through the API, timing each and reading the AWS calls
 * off the proxy. Each lease is followed by the same calls without Leasehold, so both see
 * the same load on the machine.
 */
async function measure({ client, location }, proxy, dynamicSecretName, replay) {
  const timed = async (run) => {
    const started = performance.now();
    const res = await run();
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return { ms: performance.now() - started, body: res.body };
  };
  const create = () => timed(() => client.post("/api/v1/dynamic-secrets/leases", { ...location, dynamicSecretName }));
  const revoke = (id) => timed(() => client.delete(`/api/v1/dynamic-secrets/leases/${id}`, location));
  const fresh = () => {
    proxy.reset();
    answerServiceSpecificCredentialsLikeAws(proxy);
  };

  // Warm-up: connections, the SDK's first use, the database's caches.
  for (let i = 0; i < 3; i++) await revoke((await create()).body.lease.id);
  const result = { create: { ms: [], waves: [], calls: 0 }, revoke: { ms: [], waves: [], calls: 0 } };
  const floors = { create: [], revoke: [] };
  for (let i = 0; i < LEASES; i++) {
    fresh();
    const made = await create();
    result.create.ms.push(made.ms);
    result.create.waves.push(waves(proxy.requests));
    result.create.calls = proxy.requests.length;
    fresh();
    result.revoke.ms.push((await revoke(made.body.lease.id)).ms);
    result.revoke.waves.push(waves(proxy.requests));
    result.revoke.calls = proxy.requests.length;
    await replay(floors);
  }
  return { measured: result, floors };
}

/**
 * The same calls in the same waves, through the same proxy, with an IAM client from
 * Leasehold's own client factory (same SDK settings) but none of Leasehold's logic:
 * what moto, the proxy and the SDK cost alone.
 */
async function replayWithoutLeasehold(iam, { groups, policies }, floors) {
  const UserName = `bench-floor-${randomUUID().slice(0, 8)}`;
  let started = performance.now();
  await iam.send(new CreateUserCommand({ UserName, Path: "/bench/" }));
  await Promise.all([
    iam.send(new CreateAccessKeyCommand({ UserName })),
    ...groups.map((GroupName) => iam.send(new AddUserToGroupCommand({ UserName, GroupName }))),
    ...policies.map((PolicyArn) => iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn }))),
    iam.send(new PutUserPolicyCommand({ UserName, PolicyName: "p", PolicyDocument: POLICY })),
  ]);
  floors.create.push(performance.now() - started);

  // Revoke as Leasehold does it: every kind is listed at once, and its deletes start as soon
  // as its own list (and GetUser, the ownership check) is back; then DeleteUser.
  started = performance.now();
  const owner = iam.send(new GetUserCommand({ UserName }));
  const each = (list, remove) => Promise.all([list(), owner]).then(([items]) => Promise.all(items.map(remove)));
  const none = () => Promise.resolve([]);
  await Promise.all([
    each(
      () =>
        iam.send(new ListAccessKeysCommand({ UserName })).then((r) => r.AccessKeyMetadata.map((k) => k.AccessKeyId)),
      (AccessKeyId) => iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId })),
    ),
    each(
      () => iam.send(new ListGroupsForUserCommand({ UserName })).then((r) => r.Groups.map((g) => g.GroupName)),
      (GroupName) => iam.send(new RemoveUserFromGroupCommand({ UserName, GroupName })),
    ),
    each(
      () =>
        iam
          .send(new ListAttachedUserPoliciesCommand({ UserName }))
          .then((r) => r.AttachedPolicies.map((p) => p.PolicyArn)),
      (PolicyArn) => iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn })),
    ),
    each(
      () => iam.send(new ListUserPoliciesCommand({ UserName })).then((r) => r.PolicyNames),
      (PolicyName) => iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName })),
    ),
    ...[
      ListMFADevicesCommand,
      ListSSHPublicKeysCommand,
      ListSigningCertificatesCommand,
      ListServiceSpecificCredentialsCommand,
    ].map((List) => each(() => iam.send(new List({ UserName })).then(() => []), none)),
    each(
      () =>
        iam.send(new GetLoginProfileCommand({ UserName })).then(
          () => [],
          () => [],
        ),
      none,
    ),
  ]);
  await iam.send(new DeleteUserCommand({ UserName }));
  floors.revoke.push(performance.now() - started);
}

/** Temporary credentials without Leasehold: the AssumeRole of a create, the PutRolePolicy of a revoke. */
async function replayTemporary(sts, iam, roleArn, floors) {
  const RoleSessionName = `bench-floor-${randomUUID().slice(0, 8)}`;
  let started = performance.now();
  const assumed = await sts.send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName,
      ExternalId: "bench",
      DurationSeconds: 3600,
      SourceIdentity: "Bench",
    }),
  );
  floors.create.push(performance.now() - started);
  started = performance.now();
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleArn.split("/").pop(),
      PolicyName: "bench-floor",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: { StringEquals: { "aws:userid": [assumed.AssumedRoleUser.AssumedRoleId] } },
          },
        ],
      }),
    }),
  );
  floors.revoke.push(performance.now() - started);
}

function report(kind, type, measured, floors) {
  console.log(
    type === "iam-user"
      ? `\nbench:lease on ${kind}, IAM users: ${LEASES} leases, ${RTT_MS} ms added to every AWS call, users with 3 groups, 3 managed policies, 1 inline policy`
      : `\nbench:lease on ${kind}, temporary credentials: ${LEASES} leases of an assume-role secret, ${RTT_MS} ms added to every AWS call`,
  );
  console.log(
    "operation     AWS    sequential   wall ms          wall    same calls,       Leasehold's   rounds + own    target",
  );
  console.log(
    "              calls  AWS rounds   median / p95     in RTT  no Leasehold ms   own time ms   time, in RTT",
  );
  let ok = true;
  for (const [name, target] of Object.entries(TARGETS[type])) {
    const m = measured[name];
    const median = quantile(m.ms, 0.5);
    const floor = quantile(floors[name], 0.5);
    const rounds = quantile(m.waves, 0.5);
    const own = Math.max(0, median - floor);
    const effective = rounds + own / RTT_MS;
    ok &&= effective <= target;
    console.log(
      `lease ${name.padEnd(7)} ${String(m.calls).padStart(5)}  ${String(rounds).padStart(10)}   ${`${fixed(median)} / ${fixed(quantile(m.ms, 0.95))}`.padEnd(15)}  ${fixed(median / RTT_MS, 2).padStart(5)}  ${fixed(floor).padStart(15)}   ${fixed(own).padStart(11)}   ${fixed(effective, 2).padStart(12)}    ≤ ${target} ${effective <= target ? "ok" : "OVER"}`,
    );
  }
  return ok;
}

const moto = await startMoto();
const proxy = await startAwsProxy({ target: moto.url });
const cluster = DATABASES.includes("postgres") ? await startPostgresCluster() : null;
let ok = true;
try {
  const setupIam = new IAMClient({ region: "us-east-1", endpoint: moto.url, credentials: TEST_KEYS });
  const fixtures = { groups: [], policies: [], roleArn: "" };
  fixtures.roleArn = (
    await setupIam.send(
      new CreateRoleCommand({
        RoleName: `bench-role-${randomUUID().slice(0, 6)}`,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    )
  ).Role.Arn;
  for (let i = 0; i < 3; i++) {
    fixtures.groups.push(
      (await setupIam.send(new CreateGroupCommand({ GroupName: `bench-g-${i}-${randomUUID().slice(0, 6)}` }))).Group
        .GroupName,
    );
    fixtures.policies.push(
      (
        await setupIam.send(
          new CreatePolicyCommand({ PolicyName: `bench-p-${i}-${randomUUID().slice(0, 6)}`, PolicyDocument: POLICY }),
        )
      ).Policy.Arn,
    );
  }
  for (const kind of DATABASES) {
    proxy.reset({ delay: true });
    answerServiceSpecificCredentialsLikeAws(proxy);
    const leasehold = await startLeasehold(kind, { proxy, cluster, ...fixtures });
    try {
      proxy.setDelay(RTT_MS);
      const bare = leasehold.core.aws.iam({ credentials: TEST_KEYS, region: "us-east-1" });
      const users = await measure(leasehold, proxy, "bench", (into) => replayWithoutLeasehold(bare, fixtures, into));
      ok = report(kind, "iam-user", users.measured, users.floors) && ok;
      const bareSts = leasehold.core.aws.sts({ credentials: TEST_KEYS, region: "us-east-1" });
      const sessions = await measure(leasehold, proxy, "bench-sts", (into) =>
        replayTemporary(bareSts, bare, fixtures.roleArn, into),
      );
      ok = report(kind, "temporary-credentials", sessions.measured, sessions.floors) && ok;
    } finally {
      await leasehold.database.close();
    }
  }
} finally {
  await proxy.stop();
  await moto.stop();
  await cluster?.stop();
}
console.log(
  "\n'wall in RTT' divides the whole request by the RTT; on moto it includes moto's one-at-a-time processing of each",
  "\nwave, which 'same calls, no Leasehold' measures alone. The target judges what Leasehold decides: its sequential",
  "\nAWS rounds plus its own time (database, HTTP, SDK).",
);
process.exitCode = ok ? 0 : 1;
