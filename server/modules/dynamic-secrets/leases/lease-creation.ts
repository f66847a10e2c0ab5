import { formatDurationForApi } from "#shared/durations.ts";
import type { CreateLeaseInput } from "#shared/schemas/leases.ts";
import { renderUsernameTemplate, UsernameTemplateError } from "#shared/username-template.ts";
import type { RequestContext } from "../../../context.ts";
import { isUniqueViolation } from "../../../db/errors.ts";
import { AppError, badRequest, conflict, fieldError } from "../../../lib/http/errors.ts";
import { type DynamicSecretConfig, toDynamicSecretView } from "../dynamic-secret-config.ts";
import type { DynamicSecretRow } from "../dynamic-secrets.repo.ts";
import { type DynamicSecretProvider, type IssuedCredentials, ProviderFailure } from "../providers/provider.ts";
import { createClaimHeartbeat } from "./lease-claim-heartbeat.ts";
import type { LeaseMachineryDeps, LeaseRevocation } from "./lease-revocation.ts";
import { actorOf, toLease } from "./lease-view.ts";
import type { LeaseRow } from "./leases.repo.ts";

/**
 * Infisical's own words, which its Kubernetes operator matches to create a new lease instead of retrying a renewal
 * forever (`internal/services/infisicaldynamicsecret/reconciler.go`; decision 1251). Our reasonCodes stay.
 */
export const TTL_ABOVE_MAX = "TTL cannot be larger than max ttl";

/**
 * Creating a lease (docs/decisions/0501-lease-state-machine.md):
 *   1. an intent row (`creating`, username and expiry) is committed before any AWS call, with
 *      the per-secret quota checked under a lock of the secret's row (the only read of it);
 *   2.-3. the provider issues the credentials (a user and its key, an STS session …);
 *   4. `active` (one conditional UPDATE), only if the lease is still `creating` (recovery or a delete may have taken
 *      it over); the keys are returned once and never stored.
 * Any failure compensates at once through the provider's revoke, and a crash between 1 and 4 is
 * picked up by the recovery worker, which does the same.
 */
export function createLeaseCreation(
  deps: LeaseMachineryDeps & {
    revocation: LeaseRevocation;
    randomId: () => string;
    quotaPerSecret: number;
    recoveryAfterSeconds: number;
  },
) {
  const { db, repo, lookup, providers, revocation, audit, clock, randomId, logger } = deps;
  // A create that AWS slows down past LEASEHOLD_LEASE_RECOVERY_AFTER is still running, not interrupted: its claim is
  // renewed while it runs, so the recovery worker only takes leases whose server really stopped (decision 1103).
  const keepClaimAlive = createClaimHeartbeat({ db, repo, clock, logger, timeoutSeconds: deps.recoveryAfterSeconds });

  /** The secret, read under its row lock, and the checks that need it; throws (rolling back) when one fails. */
  function leaseTerms(
    secret: DynamicSecretRow,
    provider: DynamicSecretProvider,
    input: CreateLeaseInput,
    ctx: RequestContext,
    now: Date,
  ) {
    if (secret.deletingAt)
      throw conflict("dynamic_secret_deleting", "The dynamic secret is being deleted; no new leases can start");
    const ttl = input.ttl ?? secret.defaultTtlSeconds;
    if (provider.minTtlSeconds !== undefined && ttl < provider.minTtlSeconds)
      throw fieldError(
        ["ttl"],
        `The TTL (${formatDurationForApi(ttl)}) is shorter than ${formatDurationForApi(provider.minTtlSeconds)}, ` +
          "the shortest these credentials can last at AWS",
        "ttl_below_min",
      );
    if (secret.maxTtlSeconds !== null && ttl > secret.maxTtlSeconds) {
      throw fieldError(
        ["ttl"],
        `${TTL_ABOVE_MAX}: the TTL (${formatDurationForApi(ttl)}) is longer than this dynamic secret's max TTL ` +
          `(${formatDurationForApi(secret.maxTtlSeconds)})`,
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
    let config: DynamicSecretConfig | undefined;
    try {
      return await db.transaction(async (tx) => {
        const secret = await lookup.lockAt(tx, ctx.actor.orgId, environment, input.path, input.dynamicSecretName);
        config = lookup.config(secret);
        const terms = leaseTerms(secret, providers(config), input, ctx, now);
        username = terms.username;
        const live = await repo.countLive(tx, secret.orgId, secret.id);
        if (live >= deps.quotaPerSecret) {
          throw new AppError(
            429,
            "lease_quota_exceeded",
            `This dynamic secret already has ${live} live leases, the most allowed (${deps.quotaPerSecret}). ` +
              "Revoke some, or wait for them to expire.",
          );
        }
        const expireAt = new Date(now.getTime() + terms.ttl * 1000);
        const id = randomId();
        // Recorded with the intent, in its statement: from here on the lease exists, and a failure is
        // audited after it as lease.create-failed.
        const record = audit.recordWith(tx, ctx, {
          action: "lease.create",
          resourceType: "dynamic-secret-lease",
          resourceId: id,
          projectId: secret.projectId,
          metadata: {
            dynamicSecretId: secret.id,
            dynamicSecretName: secret.name,
            username,
            expireAt: expireAt.toISOString(),
            ttlSeconds: terms.ttl,
          },
        });
        const intent = await repo.insert(
          tx,
          {
            id,
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
          },
          [record],
        );
        return { intent, secret, config, ttl: terms.ttl, liveBefore: live };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict("username_in_use", (config ? providers(config) : undefined)?.words.nameInUse(username) ?? "");
      }
      throw error;
    }
  }

  /** The create failed: compensate (clean up, or settle when nothing was created) and answer with what to fix. */
  async function failed(
    ctx: RequestContext,
    intent: LeaseRow,
    provider: DynamicSecretProvider,
    failure: AppError,
    mayExist: boolean,
  ): Promise<never> {
    const compensated = await revocation.compensate(ctx, intent, failure, mayExist, provider.words.nothingCreated);
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
    const { intent, secret, config, ttl, liveBefore } = await recordIntent(ctx, input, environment);
    const provider = providers(config);

    let issued: IssuedCredentials;
    const release = keepClaimAlive(intent, "creating");
    try {
      issued = await provider.create({ config, lease: intent, ttlSeconds: ttl, requester: ctx.actor.name, ctx });
    } catch (error) {
      if (error instanceof ProviderFailure) return failed(ctx, intent, provider, error.error, error.entityMayExist);
      if (error instanceof AppError) return failed(ctx, intent, provider, error, false);
      throw error; // unexpected: the lease stays `creating`, and the recovery worker cleans up
    } finally {
      release();
    }

    // Step 4: one conditional UPDATE; it fails only if recovery or a delete took the lease over meanwhile.
    const expireAt = issued.expireAt ?? intent.expireAt;
    const active = await repo.transition(
      db,
      intent.orgId,
      intent.id,
      { version: intent.version, from: ["creating"] },
      {
        status: "active",
        expireAt,
        dueAt: expireAt,
        externalEntityId: issued.externalEntityId,
        cleanup: issued.cleanup,
        statusDetails: issued.statusDetails ?? null,
        updatedAt: clock.now(),
      },
    );
    if (!active) {
      // AWS was slow and the lease was taken over: what it created must not outlive it.
      const facts = { externalEntityId: issued.externalEntityId, cleanup: issued.cleanup };
      await repo.recordIssued(db, intent.orgId, intent.id, facts);
      const taken = { ...intent, ...facts, expireAt };
      await provider
        .revoke({ config, lease: taken, reason: "abandoned", actorName: "lease creation", ctx })
        .catch((error: unknown) =>
          logger.error(
            { err: error, leaseId: intent.id },
            `undoing a cancelled lease's ${provider.words.entity} failed; the orphan check will list it`,
          ),
        );
      throw conflict("lease_cancelled", provider.words.cancelled);
    }

    return {
      lease: toLease(active),
      dynamicSecret: toDynamicSecretView(secret, environment.slug, liveBefore + 1),
      data: issued.data,
    };
  };
}
