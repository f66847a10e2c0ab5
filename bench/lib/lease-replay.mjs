// The AWS calls of a lease without Leasehold, for bench/lease.mjs: the very same calls in the same
// waves, through the same proxy, with clients from Leasehold's own factory (same SDK settings) but
// none of its logic. What moto, the proxy and the SDK cost alone.
import { randomUUID } from "node:crypto";
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
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

export const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
});

/**
 * The same calls in the same waves, through the same proxy, with an IAM client from
 * Leasehold's own client factory (same SDK settings) but none of Leasehold's logic:
 * what moto, the proxy and the SDK cost alone.
 */
export async function replayWithoutLeasehold(iam, { groups, policies }, floors) {
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
export async function replayTemporary(sts, iam, roleArn, floors) {
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
