import type { DynamicSecretAws } from "../../dynamic-secret-aws.ts";
import { iamUserSpecOf } from "../../dynamic-secret-config.ts";
import { type DynamicSecretProvider, ProviderFailure } from "../provider.ts";
import { cleanupIamUser } from "./iam-user-cleanup.ts";
import { leaseAwsError } from "./iam-user-errors.ts";
import { createIamUser, IamCallError } from "./iam-user-lifecycle.ts";

const MANAGING = "Leasehold's managing credentials";

/**
 * `credentialType: "iam-user"`: each lease is an IAM user with one access key, tagged with the lease ID
 * (iam-user-lifecycle.ts), and revoking deletes the user and everything attached to it (iam-user-cleanup.ts).
 */
export function createIamUserProvider(aws: DynamicSecretAws): DynamicSecretProvider {
  return {
    credentialType: "iam-user",
    renewRefusal: null,

    async create({ config, lease, ctx }) {
      let caller = MANAGING;
      try {
        const managing = await aws.iam(config, ctx);
        caller = managing.caller;
        const key = await createIamUser(managing.iam, iamUserSpecOf(config, lease.username, lease.id));
        return {
          data: { ACCESS_KEY: key.accessKeyId, SECRET_ACCESS_KEY: key.secretAccessKey, USERNAME: lease.username },
          externalEntityId: null,
          cleanup: null,
        };
      } catch (error) {
        throw new ProviderFailure(leaseAwsError(error, caller), error instanceof IamCallError && error.userMayExist);
      }
    },

    async revoke({ config, lease, actorName, ctx }) {
      let caller = MANAGING;
      try {
        const managing = await aws.iam(config, ctx);
        caller = managing.caller;
        const outcome = await cleanupIamUser(managing.iam, lease.username, {
          leaseId: lease.id,
          creationConfirmed: lease.creationError === null,
        });
        const user = lease.username;
        const sentence =
          outcome === "deleted"
            ? `${actorName} deleted the IAM user ${user}.`
            : outcome === "not-ours"
              ? `An IAM user named ${user} exists but is not this lease's (its leasehold:lease-id tag differs), ` +
                "so Leasehold left it alone."
              : lease.creationError !== null
                ? `No IAM user named ${user} existed, so there was nothing to delete: ` +
                  "the create never reached AWS, or the user was removed outside Leasehold."
                : `The IAM user ${user} was already gone: it was deleted outside Leasehold.`;
        return { outcome, sentence };
      } catch (error) {
        throw leaseAwsError(error, caller);
      }
    },

    words: {
      entity: "IAM user",
      nothingCreated: "No IAM user was created.",
      nameInUse: (name) =>
        `A live lease of this dynamic secret already uses the IAM user name "${name}". ` +
        "Make the username template unique, e.g. with {{random 8}}.",
      cancelled: "The lease was cancelled while its IAM user was being created; the user has been removed. Try again.",
      mayRemain: (lease) =>
        `The IAM user ${lease.username} may still exist: delete it in IAM, or use the orphan check.`,
    },
  };
}
