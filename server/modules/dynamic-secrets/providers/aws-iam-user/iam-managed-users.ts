import {
  type IAMClient,
  ListUsersCommand,
  ListUserTagsCommand,
  type ListUserTagsCommandOutput,
} from "@aws-sdk/client-iam";
import { awsErrorCode } from "../../../../lib/aws/translate-error.ts";
import { settleWithConcurrency } from "../../../../lib/bounded-concurrency.ts";
import { IamCallError, LEASE_ID_TAG, MANAGED_TAG } from "./iam-user-lifecycle.ts";

export interface ManagedIamUser {
  username: string;
  arn: string;
  path: string;
  createdAt: Date | null;
  /** The `leasehold:lease-id` tag, when the user still carries it. */
  leaseId: string | null;
}

const MAX_PAGES = 200;
const TAG_LOOKUPS_AT_ONCE = 8;

/**
 * The IAM users under `pathPrefix` that carry Leasehold's `leasehold:managed` tag. ListUsers
 * does not return tags, so each user's tags are read with ListUserTags (a bounded number at
 * once). This is what the orphan check compares with the live leases.
 */
export async function listManagedIamUsers(iam: IAMClient, pathPrefix: string): Promise<ManagedIamUser[]> {
  const users: { UserName: string; Arn: string; Path: string; CreateDate?: Date | undefined }[] = [];
  let marker: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    try {
      const r = await iam.send(new ListUsersCommand({ PathPrefix: pathPrefix, Marker: marker }));
      for (const u of r.Users ?? [])
        if (u.UserName && u.Arn)
          users.push({ UserName: u.UserName, Arn: u.Arn, Path: u.Path ?? "/", CreateDate: u.CreateDate });
      marker = r.IsTruncated ? r.Marker : undefined;
    } catch (error) {
      throw new IamCallError("iam:ListUsers", pathPrefix, error, false);
    }
    if (!marker) break;
  }

  const tagged = await settleWithConcurrency(users, TAG_LOOKUPS_AT_ONCE, async (user) => {
    let tags: ListUserTagsCommandOutput;
    try {
      tags = await iam.send(new ListUserTagsCommand({ UserName: user.UserName }));
    } catch (error) {
      // A user deleted between ListUsers and ListUserTags is simply not an orphan.
      if (/^NoSuchEntity/.test(awsErrorCode(error))) return null;
      throw new IamCallError("iam:ListUserTags", user.UserName, error, false);
    }
    const tag = (key: string) => tags.Tags?.find((t) => t.Key === key)?.Value;
    if (tag(MANAGED_TAG) !== "true") return null;
    return {
      username: user.UserName,
      arn: user.Arn,
      path: user.Path,
      createdAt: user.CreateDate ?? null,
      leaseId: tag(LEASE_ID_TAG) ?? null,
    };
  });
  const managed: ManagedIamUser[] = [];
  for (const result of tagged) {
    if (result.status === "rejected") throw result.reason;
    if (result.value) managed.push(result.value);
  }
  return managed;
}
