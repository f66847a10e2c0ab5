import { CreateUserCommand, TagUserCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { fakeAccessKey, iamAt, type LeaseWorld, leaseWorld, unique } from "./dynamic-secrets.fixtures.ts";

describe("dynamic secrets: test configuration, username preview, orphan check", () => {
  let world: LeaseWorld;
  beforeAll(async () => {
    world = await leaseWorld();
  });
  afterAll(() => world.close());

  const formInputs = (w: LeaseWorld) => ({
    method: "access-key",
    ...fakeAccessKey(),
    region: "us-east-1",
    awsPath: w.awsPath,
  });

  it("reports each check for working credentials, without creating anything", async () => {
    world.resetProxy();
    const res = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        ...world.location,
        provider: { type: "aws-iam", inputs: formInputs(world) },
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.callerArn).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
    // moto's answer for an unknown key (arn:aws:sts::…:user/moto) is no IAM principal the simulator takes.
    expect(res.body.checks.map((c: { id: string; step: string; status: string }) => [c.id, c.step, c.status])).toEqual([
      ["credentials", "credentials", "ok"],
      ["field:awsPath", "iam", "ok"],
      ["permissions", "iam", "skipped"],
    ]);
    expect(world.proxy.calls("GetCallerIdentity")).toHaveLength(1);
    expect(world.proxy.calls("CreateUser")).toHaveLength(0);
  });

  it("says which part failed: the credentials (at the key's field), or IAM", async () => {
    world.resetProxy();
    world.proxy.inject({
      action: "GetCallerIdentity",
      times: Infinity,
      fault: {
        kind: "aws-error",
        code: "InvalidClientTokenId",
        status: 403,
        message: "The security token included in the request is invalid.",
      },
    });
    const badKeys = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        ...world.location,
        provider: { type: "aws-iam", inputs: formInputs(world) },
      },
    });
    expect(badKeys.body.ok).toBe(false);
    expect(badKeys.body.checks[0]).toMatchObject({
      step: "credentials",
      status: "failed",
      ok: false,
      field: ["provider", "inputs", "accessKey"],
    });
    expect(badKeys.body.checks[0].message).toMatch(/does not recognise the access key/);
    expect(badKeys.body.checks[1]).toMatchObject({ status: "skipped", message: expect.stringMatching(/Not checked/) });

    world.resetProxy();
    world.proxy.inject({
      action: "ListUsers",
      times: Infinity,
      fault: { kind: "aws-error", code: "ServiceFailure", status: 500, message: "We encountered an internal error." },
    });
    const iamDown = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        ...world.location,
        provider: { type: "aws-iam", inputs: formInputs(world) },
      },
    });
    expect(iamDown.body.checks[0]).toMatchObject({ step: "credentials", ok: true });
    expect(iamDown.body.checks[1]).toMatchObject({ step: "iam", id: "field:awsPath", status: "skipped" });
    expect(iamDown.body.checks[1].message).toMatch(/AWS could not be reached for iam:ListUsers/);
    world.resetProxy();
  });

  it("tests a saved secret with its stored secret key, and validates the form's fields", async () => {
    const { name } = await world.createSecret();
    const saved = await world.admin.send(dynamicSecretRoutes.testConfiguration, { body: { ...world.location, name } });
    expect(saved.body.ok).toBe(true);
    const bad = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        ...world.location,
        provider: { type: "aws-iam", inputs: { ...formInputs(world), region: "atlantis-1" } },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["provider", "inputs", "region"]);
  });

  it("previews a username for the person asking, and explains a bad template", async () => {
    const res = await world.admin.send(dynamicSecretRoutes.usernamePreview, {
      body: {
        usernameTemplate: "{{identity.name}}-{{random 4}}",
        dynamicSecretName: "billing",
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.username).toMatch(/^Ada-Admin-[a-z0-9]{4}$/);
    const bad = await world.admin.send(dynamicSecretRoutes.usernamePreview, {
      body: {
        usernameTemplate: "{{process.env}}",
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["usernameTemplate"]);
    expect(bad.body.message).toMatch(/Unknown variable/);
  });

  it("lists IAM users tagged as Leasehold's without a live lease, and deletes only those", async () => {
    const { name } = await world.createSecret();
    const live = (await world.lease(name)).body;
    const iam = iamAt(world.motoUrl);
    // A user left by a lease Leasehold no longer knows, and one that is not Leasehold's at all.
    const orphan = unique("lh-orphan");
    await iam.send(
      new CreateUserCommand({
        UserName: orphan,
        Path: world.awsPath,
        Tags: [
          { Key: "leasehold:managed", Value: "true" },
          { Key: "leasehold:lease-id", Value: "00000000-0000-4000-8000-000000000000" },
        ],
      }),
    );
    const foreign = unique("lh-foreign");
    await iam.send(new CreateUserCommand({ UserName: foreign, Path: world.awsPath }));
    await iam.send(new TagUserCommand({ UserName: foreign, Tags: [{ Key: "team", Value: "x" }] }));

    const q = { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" };
    const listed = await world.admin.send(dynamicSecretRoutes.listOrphans, { params: { name }, query: q });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.orphans.map((o: { username: string }) => o.username)).toEqual([orphan]);

    const res = await world.admin.send(dynamicSecretRoutes.deleteOrphans, {
      params: { name },
      body: {
        ...world.location,
        usernames: [orphan, foreign, live.data.USERNAME],
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.deleted).toEqual([orphan]);
    expect(res.body.failed.map((f: { username: string }) => f.username).sort()).toEqual(
      [foreign, live.data.USERNAME].sort(),
    );
    expect(await world.userExists(orphan)).toBe(false);
    expect(await world.userExists(foreign)).toBe(true);
    expect(await world.userExists(live.data.USERNAME)).toBe(true);
  });
});
