import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { awsErrorCode } from "../../../../lib/aws/translate-error.ts";

/**
 * Creating the IAM user of a lease. CreateUser goes first (everything else needs the
 * user); then groups, managed policies, the inline policy and the access key all go out
 * at once, so a lease costs two AWS round trips however many groups and policies it has.
 * Cleanup is in iam-user-cleanup.ts.
 */

/**
 * Tags Leasehold puts on every user it creates: how cleanup proves a user is its own,
 * and how the orphan check finds them.
 */
export const MANAGED_TAG = "leasehold:managed";
export const LEASE_ID_TAG = "leasehold:lease-id";
const INLINE_POLICY_NAME = "leasehold-lease-policy";

export interface IamUserSpec {
  username: string;
  /** "/" when the dynamic secret sets none. */
  path: string;
  permissionsBoundaryArn?: string | undefined;
  /** The person's tags; ours are added here. */
  tags: { key: string; value: string }[];
  groups: string[];
  policyArns: string[];
  inlinePolicyDocument?: string | undefined;
  leaseId: string;
}

export interface IssuedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** One AWS call that failed, named as an IAM action ("iam:CreateUser") for the error translator. */
export class IamCallError extends Error {
  constructor(
    readonly action: string,
    readonly resource: string,
    override readonly cause: unknown,
    /** Whether the IAM user may exist after this failure (it must then be cleaned up). */
    readonly userMayExist: boolean,
  ) {
    super(`${action} on ${resource} failed: ${awsErrorCode(cause)}`);
    this.name = "IamCallError";
  }
}

/**
 * Did AWS definitely not create the user? Only when it answered with an error of the
 * caller's making (AccessDenied, LimitExceeded, a malformed input …). A timeout, a dropped
 * connection or a 5xx may hide a user that was created; EntityAlreadyExists may be our own
 * first attempt seen by an SDK retry. Both mean: clean up, after proving ownership by tag.
 */
function createUserMayHaveSucceeded(error: unknown): boolean {
  const fault = (error as { $fault?: string } | null)?.$fault;
  return fault !== "client" || awsErrorCode(error) === "EntityAlreadyExists";
}

const leaseTags = (spec: Pick<IamUserSpec, "tags" | "leaseId">) => [
  ...spec.tags.map((t) => ({ Key: t.key, Value: t.value })),
  { Key: MANAGED_TAG, Value: "true" },
  { Key: LEASE_ID_TAG, Value: spec.leaseId },
];

/**
 * Creates the user and issues its access key. On failure throws an IamCallError naming the
 * first step that failed, once every call in flight has settled (so a cleanup that follows
 * cannot race an AttachUserPolicy or CreateAccessKey still on the wire).
 */
export async function createIamUser(iam: IAMClient, spec: IamUserSpec): Promise<IssuedAccessKey> {
  const user = spec.username;
  try {
    await iam.send(
      new CreateUserCommand({
        UserName: user,
        Path: spec.path,
        ...(spec.permissionsBoundaryArn ? { PermissionsBoundary: spec.permissionsBoundaryArn } : {}),
        Tags: leaseTags(spec),
      }),
    );
  } catch (error) {
    throw new IamCallError("iam:CreateUser", user, error, createUserMayHaveSucceeded(error));
  }

  const step = <T>(action: string, resource: string, call: () => Promise<T>) =>
    call().catch((error: unknown) => {
      throw new IamCallError(action, resource, error, true);
    });
  const accessKey = step("iam:CreateAccessKey", user, () => iam.send(new CreateAccessKeyCommand({ UserName: user })));
  const others: Promise<unknown>[] = [
    ...spec.groups.map((group) =>
      step("iam:AddUserToGroup", group, () =>
        iam.send(new AddUserToGroupCommand({ UserName: user, GroupName: group })),
      ),
    ),
    ...spec.policyArns.map((arn) =>
      step("iam:AttachUserPolicy", arn, () =>
        iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: arn })),
      ),
    ),
    ...(spec.inlinePolicyDocument
      ? [
          step("iam:PutUserPolicy", user, () =>
            iam.send(
              new PutUserPolicyCommand({
                UserName: user,
                PolicyName: INLINE_POLICY_NAME,
                PolicyDocument: spec.inlinePolicyDocument!,
              }),
            ),
          ),
        ]
      : []),
  ];
  const settled = await Promise.allSettled([accessKey, ...others]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;

  const key = (settled[0] as PromiseFulfilledResult<Awaited<typeof accessKey>>).value.AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) {
    throw new IamCallError("iam:CreateAccessKey", user, new Error("CreateAccessKey answered without a key"), true);
  }
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}
