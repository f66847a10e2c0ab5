// The inputs people send through Infisical's SDK against emulators, and Infisical's name rules (issue 12, items
// 10 and 11; decision 1250): an access key such as "test" is accepted, and a dynamic secret's name is lowercased
// on lease create, update and delete, as Infisical's server does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { type LeaseWorld, leaseWorld, unique } from "./dynamic-secrets.fixtures.ts";

describe("Infisical's inputs: emulator access keys and names in capitals", () => {
  let world: LeaseWorld;
  beforeAll(async () => {
    world = await leaseWorld();
  });
  afterAll(() => world.close());

  it('accepts accessKey "test" on a dynamic secret, and its lease works against the emulator', async () => {
    const name = unique("emu");
    const created = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name,
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { accessKey: "test", secretAccessKey: "test", region: "us-east-1", awsPath: world.awsPath },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body.dynamicSecret.inputs.accessKey).toBe("test");
    const leased = await world.lease(name);
    expect(leased.status, leased.text).toBe(200);
    expect(await world.userExists(leased.body.data.USERNAME)).toBe(true);
  });

  it('accepts accessKeyId "test" on an access-key App Connection', async () => {
    const res = await world.admin.send(appConnectionRoutes.create, {
      body: {
        name: unique("emu-conn"),
        method: "access-key",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.appConnection.credentials).toEqual({ accessKeyId: "test" });
  });

  it("still refuses an access key that can never work, naming the field", async () => {
    const res = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name: unique("emu"),
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { accessKey: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: "test", region: "us-east-1" },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ["provider", "inputs", "accessKey"] })]),
    );
  });

  it("lowercases the name on lease create, update and delete; a read by name stays exact", async () => {
    const { name } = await world.createSecret();
    const shouted = name.toUpperCase();

    const leased = await world.lease(shouted);
    expect(leased.status, leased.text).toBe(200);
    expect(leased.body.dynamicSecret.name).toBe(name);

    const updated = await world.admin.send(dynamicSecretRoutes.update, {
      params: { name: shouted },
      body: {
        ...world.location,
        data: { defaultTTL: "30m" },
      },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.dynamicSecret.defaultTTL).toBe("30m");

    const read = await world.admin.send(dynamicSecretRoutes.get, {
      params: { name: shouted },
      query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
    });
    expect(read.status).toBe(404);

    const deleted = await world.admin.send(dynamicSecretRoutes.delete, {
      params: { name: shouted },
      body: {
        ...world.location,
        isForced: false,
      },
    });
    expect(deleted.status, deleted.text).toBe(200);
    expect(await world.userExists(leased.body.data.USERNAME)).toBe(false);
  });
});
