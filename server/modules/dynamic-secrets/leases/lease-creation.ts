import type { IAMClient } from "@aws-sdk/client-iam";
import { toDurationString } from "#shared/schemas/dynamic-secrets.ts";
import type { CreateLeaseInput } from "#shared/schemas/leases.ts";
import { renderUsernameTemplate, UsernameTemplateError } from "#shared/username-template.ts";
import type { RequestContext } from "../../../context.ts";
import { isUniqueViolation } from "../../../db/errors.ts";
import { AppError, badRequest, conflict, fieldError } from "../../../lib/http/errors.ts";
import { iamUserSpecOf, toDynamicSecretView } from "../dynamic-secret-config.ts";
import type { DynamicSecretRow } from "../dynamic-secrets.repo.ts";
import { cleanupIamUser } from "../providers/aws-iam-user/iam-user-cleanup.ts";
import { leaseAwsError } from "../providers/aws-iam-user/iam-user-errors.ts";
import { createIamUser, IamCallError, type IssuedAccessKey } from "../providers/aws-iam-user/iam-user-lifecycle.ts";
import type { LeaseMachineryDeps, LeaseRevocation } from "./lease-revocation.ts";
import { actorOf, toLease } from "./lease-view.ts";
import type { LeaseRow } from "./leases.repo.ts";

/**
 * Creating a lease (docs/decisions/0501-lease-state-machine.md):
 *   1. an intent row (`creating`, username and expiry) is committed before any AWS call, with
 *      the per-secret quota checked under a lock of the secret's row (the only read of it);
 *   2. CreateUser, tagged with the lease ID; 3. groups, policies and the access key at once;
 *   4. `active` (one conditional UPDATE), only if the lease is still `creating` (recovery or a delete may have taken
 *      it over); the keys are returned once and never stored.
 * Any failure compensates at once with the full cleanup, and a crash between 1 and 4 is
 * picked up by the recovery worker, which finds the user by the same name and tag.
 */
/**
 * Infisical's own words, which its Kubernetes operator matches to create a new lease instead of retrying a renewal
 * forever (`internal/services/infisicaldynamicsecret/reconciler.go`; decision 1251). Our reasonCodes stay.
 */
export const TTL_ABOVE_MAX = "TTL cannot be larger than max ttl";

export function createLeaseCreation(
  deps: LeaseMachineryDeps & {
    revocation: LeaseRevocation;
    randomId: () => string;
    quotaPerSecret: number;
    recoveryAfterSeconds: number;
  },
) {
  const { db, repo, lookup, aws, revocation, audit, clock, randomId, logger } = deps;

  /** The secret, read under its row lock, and the checks that need it; throws (rolling back) when one fails. */
  function leaseTerms(secret: DynamicSecretRow, input: CreateLeaseInput, ctx: RequestContext, now: Date) {
    if (secret.deletingAt)
      throw conflict("dynamic_secret_deleting", "The dynamic secret is being deleted; no new leases can start");
    const ttl = input.ttl ?? secret.defaultTtlSeconds;
    if (secret.maxTtlSeconds !== null && ttl > secret.maxTtlSeconds) {
      throw fieldError(
        ["ttl"],
        `${TTL_ABOVE_MAX}: the TTL (${toDurationString(ttl)}) is longer than this dynamic secret's max TTL (${toDurationString(secret.maxTtlSeconds)})`,
        "ttl_above_max",
      );
    }
    try {
      return {
        ttl,
        username: renderUsernameTemplate(secret.usernameTemplate, {
          identityName: ctx.actor.name,
          dynamicSecretName: secret.name,
          now,
        }),
      };
    } catch (error) {
      if (error instanceof UsernameTemplateError) throw badRequest("invalid_username", error.message);
      throw error;
    }
  }

  /**
   * Step 1: one transaction locks the secret's row (so quota checks and deletes take turns),
   * checks the quota and records the intent. The secret is read only here, under the lock.
   */
  async function recordIntent(ctx: RequestContext, input: CreateLeaseInput, environment: { id: string; slug: string }) {
    const by = actorOf(ctx);
    const now = clock.now();
    let username = "";
    try {
      return await db.transaction(async (tx) => {
        const secret = await lookup.lockAt(tx, ctx.actor.orgId, environment, input.path, input.dynamicSecretName);
        const terms = leaseTerms(secret, input, ctx, now);
        username = terms.username;
        const live = await repo.countLive(tx, secret.orgId, secret.id);
        if (live >= deps.quotaPerSecret) {
          throw new AppError(
            429,
            "lease_quota_exceeded",
            `This dynamic secret already has ${live} live leases, the most allowed (${deps.quotaPerSecret}). Revoke some, or wait for them to expire.`,
          );
        }
        const expireAt = new Date(now.getTime() + terms.ttl * 1000);
        const intent = await repo.insert(tx, {
          id: randomId(),
          orgId: secret.orgId,
          projectId: secret.projectId,
          dynamicSecretId: secret.id,
          status: "creating",
          username,
          expireAt,
          dueAt: new Date(now.getTime() + deps.recoveryAfterSeconds * 1000),
          createdByType: by.type,
          createdById: by.id,
          createdByName: by.name,
          createdAt: now,
          updatedAt: now,
        });
        // Recorded with the intent: from here on the lease exists, and a failure is audited after it as lease.create-failed.
        await audit.record(tx, ctx, {
          action: "lease.create",
          resourceType: "dynamic-secret-lease",
          resourceId: intent.id,
          projectId: intent.projectId,
          metadata: {
            dynamicSecretId: secret.id,
            dynamicSecretName: secret.name,
            username,
            expireAt: expireAt.toISOString(),
            ttlSeconds: terms.ttl,
          },
        });
        return { intent, secret, liveBefore: live };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(
          "username_in_use",
          `A live lease of this dynamic secret already uses the IAM user name "${username}". Make the username template unique, e.g. with {{random 8}}.`,
        );
      }
      throw error;
    }
  }

  /** A step failed: compensate (clean up, or settle when nothing was created) and answer with what to fix. */
  async function failed(ctx: RequestContext, intent: LeaseRow, error: unknown, caller: string): Promise<never> {
    const failure = leaseAwsError(error, caller);
    const userMayExist = error instanceof IamCallError && error.userMayExist;
    const compensated = await revocation.compensate(ctx, intent, failure, userMayExist);
    if (compensated.error)
      logger.warn(
        { leaseId: intent.id, reasonCode: compensated.error.code },
        "compensation failed; the expiry worker retries the cleanup",
      );
    throw new AppError(failure.status, failure.code, failure.message, {
      ...failure.extra,
      details: { ...failure.extra.details, leaseId: intent.id, leaseStatus: compensated.lease.status },
    });
  }

  return async function createLease(ctx: RequestContext, input: CreateLeaseInput) {
    const { environment } = await lookup.location(ctx.actor, input, "leases.create");
    const { intent, secret, liveBefore } = await recordIntent(ctx, input, environment);
    const config = lookup.config(secret);

    let managing: { iam: IAMClient; caller: string };
    try {
      managing = await aws.iam(config, ctx);
    } catch (error) {
      return failed(ctx, intent, error, "Leasehold's managing credentials");
    }

    let key: IssuedAccessKey;
    try {
      key = await createIamUser(managing.iam, iamUserSpecOf(config, intent.username, intent.id));
    } catch (error) {
      return failed(ctx, intent, error, managing.caller);
    }

    // Step 4: one conditional UPDATE; it fails only if recovery or a delete took the lease over meanwhile.
    const active = await repo.transition(
      db,
      intent.orgId,
      intent.id,
      { version: intent.version, from: ["creating"] },
      {
        status: "active",
        dueAt: intent.expireAt,
        updatedAt: clock.now(),
      },
    );
    if (!active) {
      // AWS was slow and the lease was taken over: its user must not outlive it.
      await cleanupIamUser(managing.iam, intent.username, { leaseId: intent.id, creationConfirmed: true }).catch(
        (error: unknown) =>
          logger.error(
            { err: error, leaseId: intent.id },
            "cleaning up a cancelled lease's IAM user failed; the orphan check will list it",
          ),
      );
      throw conflict(
        "lease_cancelled",
        "The lease was cancelled while its IAM user was being created; the user has been removed. Try again.",
      );
    }

    return {
      lease: toLease(active),
      dynamicSecret: toDynamicSecretView(secret, environment.slug, liveBefore + 1),
      data: { ACCESS_KEY: key.accessKeyId, SECRET_ACCESS_KEY: key.secretAccessKey, USERNAME: intent.username },
    };
  };
}
