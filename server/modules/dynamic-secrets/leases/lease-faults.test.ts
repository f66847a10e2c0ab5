// Fault injection through the recording proxy: every step of lease creation and of the
// full cleanup fails in turn, four ways. Whatever happens, no IAM user may exist without a
// live lease, and the caller gets a 4xx or 502 that says what went wrong.
import { CreateGroupCommand, CreatePolicyCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import type { Fault, RecordedRequest } from "../../../../test/proxy/aws-proxy.ts";
import { iamAt, type LeaseWorld, leaseWorld, unique } from "../dynamic-secrets.fixtures.ts";

const FAULTS: [string, Fault][] = [
  [
    "AccessDenied",
    { kind: "aws-error", code: "AccessDenied", status: 403, message: "User is not authorized to perform this action" },
  ],
  ["Throttling", { kind: "aws-error", code: "Throttling", status: 400, message: "Rate exceeded" }],
  ["a 5xx", { kind: "http-error", status: 503, body: "Service Unavailable" }],
  ["a dropped connection", { kind: "drop" }],
];
const CREATE_STEPS = ["CreateUser", "AddUserToGroup", "AttachUserPolicy", "PutUserPolicy", "CreateAccessKey"];
const CLEANUP_STEPS = [
  "GetUser",
  "ListAccessKeys",
  "ListGroupsForUser",
  "ListAttachedUserPolicies",
  "ListUserPolicies",
  "GetLoginProfile",
  "ListMFADevices",
  "ListSSHPublicKeys",
  "ListSigningCertificates",
  "DeleteAccessKey",
  "RemoveUserFromGroup",
  "DetachUserPolicy",
  "DeleteUserPolicy",
  "DeleteUser",
];
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" }],
});

let world: LeaseWorld;
let groupName: string;
let policyArn: string;

beforeAll(async () => {
  world = await leaseWorld();
  const iam = iamAt(world.motoUrl);
  groupName = unique("lh-fault-g");
  await iam.send(new CreateGroupCommand({ GroupName: groupName }));
  policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: unique("lh-fault-p"), PolicyDocument: POLICY })))
    .Policy!.Arn!;
});
afterAll(() => world.close());

/** A secret whose users all start with `prefix`, so a fault rule can target this case alone while cases run at once. */
async function secretFor(prefix: string) {
  return (
    await world.createSecret(
      { usernameTemplate: `${prefix}{{random 8}}` },
      { userGroups: groupName, policyArns: policyArn, policyDocument: POLICY },
    )
  ).name;
}
const forUser = (prefix: string) => (r: RecordedRequest) => (r.params.UserName ?? "").startsWith(prefix);
const q = () => ({ projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" });

describe.concurrent("a fault at each step of creating a lease", () => {
  for (const step of CREATE_STEPS) {
    for (const [faultName, fault] of FAULTS) {
      it(`${step} fails with ${faultName}: a clear error, and no user left without a live lease`, async () => {
        const prefix = `lhf${unique("").slice(1, 7)}-`;
        const name = await secretFor(prefix);
        const rule = world.proxy.inject({ action: step, when: forUser(prefix), times: Infinity, fault });
        const res = await world.lease(name);
        rule.remove();

        expect(res.status, res.text).toBeGreaterThanOrEqual(400);
        expect([400, 409, 429, 502]).toContain(res.status);
        if (faultName === "AccessDenied")
          expect(res.body.message).toMatch(new RegExp(`not allowed to call iam:${step}`));
        else expect(res.status).toBe(502);
        const leaseId = res.body.details.leaseId;
        const lease = (await world.admin.send(leaseRoutes.get, { params: { leaseId }, query: q() })).body.lease;
        expect(lease.creationError).toBeTruthy();
        expect(lease.status).toBe("revoked");
        expect(await world.userExists(lease.username)).toBe(false);
        await world.expectNoOrphans();
      });
    }
  }
});

describe.concurrent("a fault at each step of the cleanup", () => {
  for (const step of CLEANUP_STEPS) {
    for (const [faultName, fault] of FAULTS) {
      it(`${step} fails with ${faultName}: the lease lives until the user is gone; a retry finishes it`, async () => {
        const prefix = `lhc${unique("").slice(1, 7)}-`;
        const name = await secretFor(prefix);
        const { lease, data } = (await world.lease(name)).body;
        const rule = world.proxy.inject({ action: step, when: forUser(prefix), times: Infinity, fault });
        const first = await world.admin.send(leaseRoutes.revoke, {
          params: { leaseId: lease.id },
          body: world.location,
        });
        rule.remove();

        const stillThere = await world.userExists(data.USERNAME);
        if (first.status === 200) {
          // DeleteUser is the arbiter: AWS (here moto) deleted the user despite the failed step.
          expect(first.body.lease.status).toBe("revoked");
          expect(stillThere).toBe(false);
        } else {
          expect([400, 502]).toContain(first.status);
          expect(first.body.details.leaseStatus).toBe("revoke_failed");
          expect(first.body.message).toMatch(/retries the cleanup/);
          const failed = (await world.admin.send(leaseRoutes.get, { params: { leaseId: lease.id }, query: q() })).body
            .lease;
          expect(failed.status).toBe("revoke_failed");
          expect(failed.nextAttemptAt).not.toBeNull();
          expect(failed.statusDetails).toMatch(/Revoking failed: .* Leasehold retries at/);
        }
        await world.expectNoOrphans();

        // AWS is back: revoking again (what the expiry worker also does) finishes the job.
        const again = await world.admin.send(leaseRoutes.revoke, {
          params: { leaseId: lease.id },
          body: world.location,
        });
        expect(again.status, again.text).toBe(200);
        expect(again.body.lease.status).toBe("revoked");
        expect(await world.userExists(data.USERNAME)).toBe(false);
      });
    }
  }
});

describe("a user name that exists already", () => {
  it("is refused with 409, and the user that is not ours is left alone", async () => {
    const taken = unique("lh-taken");
    await iamAt(world.motoUrl).send(new CreateUserCommand({ UserName: taken, Path: world.awsPath }));
    const { name } = await world.createSecret({ usernameTemplate: taken });
    const res = await world.lease(name);
    expect(res.status).toBe(409);
    expect(res.body.reasonCode).toBe("iam_user_exists");
    expect(await world.userExists(taken)).toBe(true);
    const lease = (
      await world.admin.send(leaseRoutes.get, { params: { leaseId: res.body.details.leaseId }, query: q() })
    ).body.lease;
    expect(lease.status).toBe("revoked");
    expect(lease.statusDetails).toMatch(/is not this lease's/);
  });
});
