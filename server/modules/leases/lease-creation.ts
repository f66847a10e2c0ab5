import type { CreateLeaseInput } from "#shared/schemas/leases.ts";
import { toDurationString } from "#shared/schemas/dynamic-secrets.ts";
import { renderUsernameTemplate, UsernameTemplateError } from "#shared/username-template.ts";
import type { Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { cleanupIamUser } from "../../lib/aws/iam-user-cleanup.ts";
import { createIamUser, IamCallError } from "../../lib/aws/iam-user-lifecycle.ts";
import { AppError, badRequest, conflict, fieldError } from "../../lib/http/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { iamUserSpecOf, toDynamicSecretView } from "../dynamic-secrets/dynamic-secret-config.ts";
import type { DynamicSecretAws } from "../dynamic-secrets/dynamic-secret-aws.ts";
import type { DynamicSecretLookup } from "../dynamic-secrets/dynamic-secret-lookup.ts";
import { leaseAwsError } from "./lease-aws-errors.ts";
import type { LeaseRevocation } from "./lease-revocation.ts";
import { actorOf, toLease } from "./lease-view.ts";
import type { LeasesRepo } from "./leases.repo.ts";

/**
 * Creating a lease (docs/decisions/0501-lease-state-machine.md):
 *   1. an intent row (`creating`, username and expiry) is committed before any AWS call, with
 *      the per-secret quota checked under a lock of the secret's row;
 *   2. CreateUser, tagged with the lease ID; 3. groups, policies and the access key at once;
 *   4. `active`, only if the lease is still `creating` (recovery or a delete may have taken
 *      it over); the keys are returned once and never stored.
 * Any failure compensates at once with the full cleanup, and a crash between 1 and 4 is
 * picked up by the recovery worker, which finds the user by the same name and tag.
 */
export function createLeaseCreation(deps: {
  db: Db;
  repo: LeasesRepo;
  lookup: DynamicSecretLookup;
  aws: DynamicSecretAws;
  revocation: LeaseRevocation;
  audit: AuditService;
  clock: Clock;
  randomId: () => string;
  logger: Logger;
  quotaPerSecret: number;
  recoveryAfterSeconds: number;
}) {
  const { db, repo, lookup, aws, revocation, audit, clock, randomId, logger } = deps;

  async function recordIntent(ctx: RequestContext, secretId: string, secretVersion: number, lease: { id: string; username: string; createdAt: Date; expireAt: Date }) {
    const by = actorOf(ctx);
    try {
      return await db.transaction(async (tx) => {
        const locked = await lookup.lock(tx, ctx.actor.orgId, secretId);
        if (!locked) throw conflict("dynamic_secret_missing", "The dynamic secret was deleted");
        if (locked.deletingAt) throw conflict("dynamic_secret_deleting", "The dynamic secret is being deleted; no new leases can start");
        if (locked.version !== secretVersion) throw conflict("dynamic_secret_changed", "The dynamic secret changed while the lease was starting; try again");
        const live = await repo.countLive(tx, locked.orgId, locked.id);
        if (live >= deps.quotaPerSecret) {
          throw new AppError(429, "lease_quota_exceeded", `This dynamic secret already has ${live} live leases, the most allowed (${deps.quotaPerSecret}). Revoke some, or wait for them to expire.`);
        }
        const now = lease.createdAt;
        return repo.insert(tx, {
          id: lease.id, orgId: locked.orgId, projectId: locked.projectId, dynamicSecretId: locked.id, status: "creating", username: lease.username,
          expireAt: lease.expireAt, dueAt: new Date(now.getTime() + deps.recoveryAfterSeconds * 1000),
          createdByType: by.type, createdById: by.id, createdByName: by.name, createdAt: now, updatedAt: now,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict("username_in_use", `A live lease of this dynamic secret already uses the IAM user name "${lease.username}". Make the username template unique, e.g. with {{random 8}}.`);
      }
      throw error;
    }
  }

  return async function createLease(ctx: RequestContext, input: CreateLeaseInput) {
    const { environment, row } = await lookup.find(ctx.actor, input, input.dynamicSecretName, "leases.create");
    if (row.deletingAt) throw conflict("dynamic_secret_deleting", "The dynamic secret is being deleted; no new leases can start");
    const ttl = input.ttl ?? row.defaultTtlSeconds;
    if (row.maxTtlSeconds !== null && ttl > row.maxTtlSeconds) {
      throw fieldError(["ttl"], `The TTL (${toDurationString(ttl)}) is longer than this dynamic secret's max TTL (${toDurationString(row.maxTtlSeconds)})`, "ttl_above_max");
    }
    const now = clock.now();
    let username: string;
    try {
      username = renderUsernameTemplate(row.usernameTemplate, { identityName: ctx.actor.name, dynamicSecretName: row.name, now });
    } catch (error) {
      if (error instanceof UsernameTemplateError) throw badRequest("invalid_username", error.message);
      throw error;
    }

    // Managing credentials first: a broken credential source fails before anything is written.
    const config = lookup.config(row);
    const { iam, caller } = await aws.iam(config, ctx).catch((error: unknown) => {
      throw leaseAwsError(error, "Leasehold's managing credentials");
    });

    const intent = await recordIntent(ctx, row.id, row.version, { id: randomId(), username, createdAt: now, expireAt: new Date(now.getTime() + ttl * 1000) });

    let key;
    try {
      key = await createIamUser(iam, iamUserSpecOf(config, username, intent.id));
    } catch (error) {
      const failure = leaseAwsError(error, caller);
      const userMayExist = !(error instanceof IamCallError) || error.userMayExist;
      const compensated = await revocation.compensate(ctx, intent, failure, userMayExist);
      if (compensated.error) logger.warn({ leaseId: intent.id, reasonCode: compensated.error.code }, "compensation failed; the expiry worker retries the cleanup");
      throw new AppError(failure.status, failure.code, failure.message, { ...failure.extra, details: { ...failure.extra.details, leaseId: intent.id, leaseStatus: compensated.lease.status } });
    }

    const active = await db.transaction(async (tx) => {
      const activated = await repo.transition(tx, intent.orgId, intent.id, { version: intent.version, from: ["creating"] }, {
        status: "active", dueAt: intent.expireAt, updatedAt: clock.now(),
      });
      if (activated) {
        await audit.record(tx, ctx, {
          action: "lease.create", resourceType: "dynamic-secret-lease", resourceId: intent.id, projectId: intent.projectId,
          metadata: { dynamicSecretId: row.id, dynamicSecretName: row.name, username, expireAt: intent.expireAt.toISOString(), ttlSeconds: ttl },
        });
      }
      return activated;
    });
    if (!active) {
      // Recovery or a delete took the lease over while AWS was slow: its user must not outlive it.
      await cleanupIamUser(iam, username, { leaseId: intent.id, creationConfirmed: true }).catch((error: unknown) =>
        logger.error({ err: error, leaseId: intent.id }, "cleaning up a cancelled lease's IAM user failed; the orphan check will list it"),
      );
      throw conflict("lease_cancelled", "The lease was cancelled while its IAM user was being created; the user has been removed. Try again.");
    }

    const liveCount = await repo.countLive(db, row.orgId, row.id);
    return {
      lease: toLease(active),
      dynamicSecret: toDynamicSecretView(row, environment.slug, liveCount),
      data: { ACCESS_KEY: key.accessKeyId, SECRET_ACCESS_KEY: key.secretAccessKey, USERNAME: username },
    };
  };
}
