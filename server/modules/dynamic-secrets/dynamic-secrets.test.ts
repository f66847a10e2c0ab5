import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { fakeAccessKey, type LeaseWorld, leaseWorld, unique } from "./dynamic-secrets.fixtures.ts";

describe("dynamic secrets: create, read, update", () => {
  let world: LeaseWorld;
  beforeAll(async () => {
    world = await leaseWorld();
  });
  afterAll(() => world.close());

  const query = (w: LeaseWorld, path = "/") => ({ projectSlug: w.location.projectSlug, environmentSlug: "dev", path });

  it("creates, reads and lists a secret in Infisical's shape, never returning the secret key", async () => {
    const { name, body } = await world.createSecret({
      path: "/apps/billing",
      usernameTemplate: "lh-{{random 8}}",
      metadata: [{ key: "owner", value: "ops" }],
    });
    const secret = body.dynamicSecret;
    expect(secret).toMatchObject({
      name,
      type: "aws-iam",
      version: 1,
      defaultTTL: "1h",
      maxTTL: "1d",
      path: "/apps/billing",
      environmentSlug: "dev",
      activeLeaseCount: 0,
    });
    expect(secret.inputs).toMatchObject({
      method: "access-key",
      region: "us-east-1",
      awsPath: world.awsPath,
      credentialType: "iam-user",
    });
    expect(secret.inputs.secretAccessKey).toBeUndefined();

    const got = await world.admin.send(dynamicSecretRoutes.get, {
      params: { name },
      query: query(world, "/apps/billing"),
    });
    expect(got.status, got.text).toBe(200);
    expect(got.body.dynamicSecret.id).toBe(secret.id);
    const listed = await world.admin.send(dynamicSecretRoutes.list, { query: query(world, "/apps/billing/") });
    expect(listed.body.dynamicSecrets.map((s: { name: string }) => s.name)).toEqual([name]);
    const elsewhere = await world.admin.send(dynamicSecretRoutes.list, { query: query(world, "/apps") });
    expect(elsewhere.body.dynamicSecrets).toEqual([]);
    for (const text of world.admin.responses)
      for (const secretKey of world.managingSecrets) expect(text).not.toContain(secretKey);
  });

  it("accepts durations as strings or seconds, and trims and de-duplicates the lists", async () => {
    const { body } = await world.createSecret(
      { defaultTTL: 5400, maxTTL: "7d" },
      { userGroups: " a , b,,a ", policyArns: " arn:aws:iam::aws:policy/ReadOnlyAccess ," },
    );
    expect(body.dynamicSecret).toMatchObject({ defaultTTL: "90m", maxTTL: "7d" });
    expect(body.dynamicSecret.inputs).toMatchObject({
      userGroups: "a,b",
      policyArns: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    });
  });

  const invalid: [string, Record<string, unknown>, Record<string, unknown>, (string | number)[]][] = [
    ["an unknown region", {}, { region: "mars-north-1" }, ["provider", "inputs", "region"]],
    ["a path without slashes", {}, { awsPath: "leasehold" }, ["provider", "inputs", "awsPath"]],
    ["a path over 512 characters", {}, { awsPath: `/${"a".repeat(512)}/` }, ["provider", "inputs", "awsPath"]],
    [
      "a boundary that is not a policy ARN",
      {},
      { permissionBoundaryPolicyArn: "arn:aws:iam::123456789012:role/x" },
      ["provider", "inputs", "permissionBoundaryPolicyArn"],
    ],
    ["a policy document that is not JSON", {}, { policyDocument: "{ nope" }, ["provider", "inputs", "policyDocument"]],
    [
      "an inline policy over IAM's 2,048 characters",
      {},
      {
        policyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "s3:GetObject",
              Resource: Array.from({ length: 100 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
            },
          ],
        }),
      },
      ["provider", "inputs", "policyDocument"],
    ],
    [
      "a policy ARN list with a bad entry",
      {},
      { policyArns: "arn:aws:iam::aws:policy/ReadOnlyAccess, nope" },
      ["provider", "inputs", "policyArns"],
    ],
    [
      "21 managed policies",
      {},
      { policyArns: Array.from({ length: 21 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`).join(",") },
      ["provider", "inputs", "policyArns"],
    ],
    [
      "11 groups",
      {},
      { userGroups: Array.from({ length: 11 }, (_, i) => `g${i}`).join(",") },
      ["provider", "inputs", "userGroups"],
    ],
    ["a group name with a space", {}, { userGroups: "dev ops" }, ["provider", "inputs", "userGroups"]],
    [
      "49 tags (two are Leasehold's)",
      {},
      { tags: Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: "v" })) },
      ["provider", "inputs", "tags"],
    ],
    [
      "a tag key in the aws: namespace",
      {},
      { tags: [{ key: "aws:owner", value: "x" }] },
      ["provider", "inputs", "tags", 0, "key"],
    ],
    [
      "a reserved leasehold: tag",
      {},
      { tags: [{ key: "leasehold:lease-id", value: "x" }] },
      ["provider", "inputs", "tags", 0, "key"],
    ],
    [
      "a tag value over 256 characters",
      {},
      { tags: [{ key: "k", value: "v".repeat(257) }] },
      ["provider", "inputs", "tags", 0, "value"],
    ],
    [
      "the same tag key twice, in other case",
      {},
      {
        tags: [
          { key: "Team", value: "a" },
          { key: "team", value: "b" },
        ],
      },
      ["provider", "inputs", "tags", 1, "key"],
    ],
    [
      "access-key without the secret key",
      {},
      { secretAccessKey: undefined },
      ["provider", "inputs", "secretAccessKey"],
    ],
    [
      "assume-role without a role ARN",
      {},
      { method: "assume-role", accessKey: undefined, secretAccessKey: undefined },
      ["provider", "inputs", "roleArn"],
    ],
    ["a default TTL above the max TTL", { defaultTTL: "2d", maxTTL: "1d" }, {}, ["defaultTTL"]],
    ["a TTL that is not a duration", { defaultTTL: "soon" }, {}, ["defaultTTL"]],
    ["a TTL under a minute", { defaultTTL: "30s" }, {}, ["defaultTTL"]],
    ["a template that reaches for code", { usernameTemplate: "{{constructor.constructor}}" }, {}, ["usernameTemplate"]],
    ["a template that renders over 64 characters", { usernameTemplate: "{{random 64}}-x" }, {}, ["usernameTemplate"]],
    ["a template that renders a space", { usernameTemplate: "lh {{random 4}}" }, {}, ["usernameTemplate"]],
    ["a reserved name", { name: "leases" }, {}, ["name"]],
    ["a name with capitals", { name: "Payments" }, {}, ["name"]],
    ["a path with a space", { path: "/my apps" }, {}, ["path"]],
  ];
  it.each(invalid)("refuses %s with a 400 naming the field", async (_what, overrides, inputs, field) => {
    const key = fakeAccessKey();
    const res = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name: unique("ds"),
        defaultTTL: "1h",
        maxTTL: "1d",
        provider: {
          type: "aws-iam",
          inputs: { method: "access-key", ...key, region: "us-east-1", awsPath: world.awsPath, ...inputs },
        },
        ...overrides,
      },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.issues.map((i: { path: unknown[] }) => JSON.stringify(i.path))).toContain(JSON.stringify(field));
  });

  it("refuses IRSA unless the operator turned it on", async () => {
    const res = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name: unique("ds"),
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { method: "irsa", roleArn: "arn:aws:iam::123456789012:role/leasehold", region: "us-east-1" },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.reasonCode).toBe("irsa_disabled");
    expect(res.body.issues[0].path).toEqual(["provider", "inputs", "method"]);
  });

  it("refuses a second secret of the same name at the same place", async () => {
    const { name } = await world.createSecret();
    const key = fakeAccessKey();
    const res = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name,
        defaultTTL: "1h",
        provider: { type: "aws-iam", inputs: { ...key, region: "us-east-1" } },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toEqual(["name"]);
  });

  it("updates settings and merges inputs, keeping the stored secret key unless a new one comes", async () => {
    const { name, body } = await world.createSecret();
    const res = await world.admin.send(dynamicSecretRoutes.update, {
      params: { name },
      body: {
        ...world.location,
        data: {
          newName: `${name}-2`,
          defaultTTL: "2h",
          inputs: { region: "eu-west-1", tags: [{ key: "env", value: "dev" }] },
        },
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.dynamicSecret).toMatchObject({ name: `${name}-2`, defaultTTL: "2h", version: 2 });
    expect(res.body.dynamicSecret.inputs).toMatchObject({
      region: "eu-west-1",
      accessKey: body.dynamicSecret.inputs.accessKey,
      tags: [{ key: "env", value: "dev" }],
    });
    // The stored key still works: a lease can be made.
    const lease = await world.lease(`${name}-2`);
    expect(lease.status, lease.text).toBe(200);

    const switched = await world.admin.send(dynamicSecretRoutes.update, {
      params: { name: `${name}-2` },
      body: {
        ...world.location,
        data: { inputs: { method: "assume-role" } },
      },
    });
    expect(switched.status).toBe(400);
    expect(switched.body.issues[0].path).toEqual(["data", "inputs", "roleArn"]);
    const tooShort = await world.admin.send(dynamicSecretRoutes.update, {
      params: { name: `${name}-2` },
      body: {
        ...world.location,
        data: { maxTTL: "1h" },
      },
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.issues[0].path).toEqual(["data", "defaultTTL"]);
  });

  it("answers 404 for a secret at another location or that does not exist", async () => {
    const { name } = await world.createSecret();
    expect(
      (await world.admin.send(dynamicSecretRoutes.get, { params: { name }, query: query(world, "/other") })).status,
    ).toBe(404);
    expect(
      (
        await world.admin.send(dynamicSecretRoutes.get, {
          params: { name },
          query: { projectSlug: world.location.projectSlug, environmentSlug: "prod", path: "/" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await world.admin.send(dynamicSecretRoutes.get, { params: { name: "nope" }, query: query(world) })).status,
    ).toBe(404);
    expect(
      (
        await world.admin.send(dynamicSecretRoutes.get, {
          params: { name },
          query: { projectSlug: "nope", environmentSlug: "dev", path: "/" },
        })
      ).status,
    ).toBe(404);
  });
});
