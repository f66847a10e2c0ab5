// The one revocation path of the lease state machine (docs/decisions/0501-lease-state-machine.md).
// Revoke, expiry, compensation of a failed create, crash recovery and dynamic-secret deletion
// all go: claim (→ revoking, with a due time that doubles as the claim timeout) → full IAM
// cleanup → settle (→ revoked / expired, or → revoke_failed with the next retry).

import { type SQL, sql } from "drizzle-orm";
import type { AuditAction } from "#shared/audit-events.ts";
import type { LeaseStatus } from "#shared/schemas/leases.ts";
import type { AuditContext, Clock, SystemContext } from "../../../context.ts";
import type { Db } from "../../../db/client.ts";
import { settleWithConcurrency } from "../../../lib/bounded-concurrency.ts";
import { AppError, conflict } from "../../../lib/http/errors.ts";
import type { Logger } from "../../../lib/logger.ts";
import type { Metrics } from "../../../lib/metrics/metrics.ts";
import type { AuditService } from "../../audit/audit.service.ts";
import type { DynamicSecretConfig } from "../dynamic-secret-config.ts";
import type { DynamicSecretLookup } from "../dynamic-secret-lookup.ts";
import type { ProviderRegistry, RevokeOutcome, RevokeReason } from "../providers/provider.ts";
import { createLeaseCatchUpRepo } from "./lease-catch-up.repo.ts";
import { createClaimHeartbeat } from "./lease-claim-heartbeat.ts";
import { actorOf } from "./lease-view.ts";
import type { LeasePatch, LeaseRow, LeasesRepo } from "./leases.repo.ts";

/** Bounds of the backoff between revocation retries (docs/decisions/1301-revocation-retry-policy.md). */
export const REVOKE_RETRY_MIN_SECONDS = 10;
export const REVOKE_RETRY_MAX_SECONDS = 3600;
/**
 * While a dynamic secret has leases in an availability backoff, one of them is retried ahead
 * of its schedule this often (a probe), then all of them at once after a success
 * (docs/decisions/1301-revocation-retry-policy.md).
 */
const OUTAGE_PROBE_GAP_SECONDS = 30;

/** Seconds before retry `attempt` of a failed revocation: the schedule of decision 1301, jittered by `random`. */
export function revokeRetryDelaySeconds(attempt: number, random: () => number): number {
  const base = Math.min(
    REVOKE_RETRY_MAX_SECONDS,
    REVOKE_RETRY_MIN_SECONDS * 2 ** Math.min(Math.max(attempt - 1, 0), 20),
  );
  return Math.round(
    Math.min(REVOKE_RETRY_MAX_SECONDS, Math.max(REVOKE_RETRY_MIN_SECONDS, base * (0.8 + 0.4 * random()))),
  );
}

export type DueKind = "expiry" | "recovery";
const DUE_STATUSES: Record<DueKind, readonly LeaseStatus[]> = {
  // `revoking` leases are due only once their claim timed out (the instance died mid-cleanup).
  expiry: ["active", "revoke_failed", "revoking"],
  recovery: ["creating"],
};
const WORKER_NAMES: Record<DueKind, string> = { expiry: "lease expiry worker", recovery: "lease recovery worker" };
// What is known when recovery starts; what it then found in AWS is said by the outcome sentence.
export const INTERRUPTED_CREATION = "The server stopped before the lease was activated.";

const systemContext = (orgId: string, name: string): SystemContext => ({
  actor: { type: "system", id: null, orgId, name },
  ip: null,
  userAgent: null,
  requestId: null,
});

export interface RevocationResult {
  lease: LeaseRow;
  /** Why AWS cleanup failed; the lease is then revoke_failed and the expiry worker retries it. */
  error: AppError | null;
}

/** What every part of the lease machinery works with (creation, revocation, the service). */
export interface LeaseMachineryDeps {
  db: Db;
  repo: LeasesRepo;
  lookup: DynamicSecretLookup;
  /** The provider of each dynamic secret's credential type: all the machinery knows of AWS. */
  providers: ProviderRegistry;
  audit: AuditService;
  clock: Clock;
  logger: Logger;
  metrics?: Pick<Metrics, "revocationsFailed" | "revocationsRetried">;
}

export function createLeaseRevocation(
  deps: LeaseMachineryDeps & {
    random: () => number;
    /** How long a claim (status revoking) holds before another instance may take the lease over. */
    claimTimeoutSeconds: number;
  },
) {
  const { db, repo, lookup, providers, audit, clock, logger } = deps;
  const keepClaimAlive = createClaimHeartbeat({ db, repo, clock, logger, timeoutSeconds: deps.claimTimeoutSeconds });
  const catchUp = createLeaseCatchUpRepo();
  // Set when a success made leases due at once, so the worker runs another batch right away.
  let caughtUp = 0;
  const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);
  const leaseEvent = (lease: LeaseRow, action: AuditAction, metadata: Record<string, unknown>) => ({
    action,
    resourceType: "dynamic-secret-lease" as const,
    resourceId: lease.id,
    projectId: lease.projectId,
    orgId: lease.orgId,
    metadata: { dynamicSecretId: lease.dynamicSecretId, username: lease.username, ...metadata },
  });
  const record = (tx: Db, ctx: AuditContext, lease: LeaseRow, action: AuditAction, metadata: Record<string, unknown>) =>
    audit.record(tx, ctx, leaseEvent(lease, action, metadata));
  /** The same record as a CTE of the statement that moves the lease, written only under `when`. */
  const recordWith = (
    db: Db,
    ctx: AuditContext,
    lease: LeaseRow,
    action: AuditAction,
    metadata: Record<string, unknown>,
    when: SQL,
  ) => audit.recordWith(db, ctx, leaseEvent(lease, action, metadata), when);

  /** Claims one lease for this caller: → revoking, if it is still in one of `from`. */
  function claim(lease: LeaseRow, from: readonly LeaseStatus[], patch: LeasePatch = {}) {
    const now = clock.now();
    return repo.transition(
      db,
      lease.orgId,
      lease.id,
      { from },
      { status: "revoking", dueAt: later(now, deps.claimTimeoutSeconds), updatedAt: now, ...patch },
    );
  }

  /** Why a claimed lease is being undone, from what the claim recorded. */
  const reasonOf = (claimed: LeaseRow): RevokeReason =>
    claimed.creationError !== null ? "abandoned" : claimed.revokedByType === "system" ? "expiry" : "revoke";

  async function recordSuccess(claimed: LeaseRow, { outcome, sentence }: RevokeOutcome, ctx: AuditContext) {
    const now = clock.now();
    const status: LeaseStatus = reasonOf(claimed) === "expiry" ? "expired" : "revoked";
    // Each history line says what really happened (the provider's sentence), and who did it.
    const details =
      [claimed.creationError ? `Creation failed: ${claimed.creationError}` : null, sentence]
        .filter(Boolean)
        .join(" ") || null;
    const action = claimed.creationError
      ? "lease.create-failed"
      : status === "expired"
        ? "lease.expire"
        : "lease.revoke";
    // The settled state, its audit record (only if the lease moved) and the catch-up: AWS answered
    // for this secret's credentials, so whatever waits out an outage's backoff goes now. One statement.
    const { row, counted } = await repo.transitionWith(
      db,
      claimed.orgId,
      claimed.id,
      { version: claimed.version },
      {
        status,
        dueAt: null,
        revokedAt: now,
        nextAttemptAt: null,
        lastError: null,
        lastFailureKind: null,
        statusDetails: details,
        updatedAt: now,
      },
      (moved) => ({
        writes: [
          recordWith(
            db,
            ctx,
            claimed,
            action,
            { outcome, ...(claimed.creationError ? { error: claimed.creationError } : {}) },
            moved,
          ),
        ],
        counted: catchUp.dueNowWith(db, claimed.dynamicSecretId, now, sql`true`),
      }),
    );
    caughtUp += counted;
    // Moved meanwhile (force-revoked): that record stands.
    return row ?? (await repo.findById(db, claimed.orgId, claimed.id))!;
  }

  async function recordFailure(claimed: LeaseRow, failure: AppError, ctx: AuditContext): Promise<LeaseRow> {
    const now = clock.now();
    const attempts = claimed.revokeAttempts + 1;
    const next = later(now, revokeRetryDelaySeconds(attempts, deps.random));
    logger.warn(
      {
        leaseId: claimed.id,
        orgId: claimed.orgId,
        attempts,
        reasonCode: failure.code,
        nextAttemptAt: next.toISOString(),
      },
      "lease revocation failed; will retry",
    );
    return db.transaction(async (tx) => {
      const row = await repo.transition(
        tx,
        claimed.orgId,
        claimed.id,
        { version: claimed.version },
        {
          status: "revoke_failed",
          revokeAttempts: attempts,
          lastError: failure.message,
          // 5xx here is AWS failing or unreachable (leaseAwsError); 4xx needs a person to fix something.
          lastFailureKind: failure.status >= 500 ? "availability" : "needs-person",
          nextAttemptAt: next,
          dueAt: next,
          updatedAt: now,
          statusDetails:
            `Revoking failed: ${failure.message} ` +
            `Leasehold retries at ${next.toISOString()} (attempt ${attempts + 1}).`,
        },
      );
      if (!row) return (await repo.findById(tx, claimed.orgId, claimed.id))!;
      // The first failure is audited; the retries that follow are in the server log.
      if (attempts === 1)
        await record(tx, ctx, row, "lease.revoke-failed", {
          error: failure.message,
          nextAttemptAt: next.toISOString(),
        });
      return row;
    });
  }

  /** The provider's revoke of a claimed lease, then its settled state. Never throws for AWS trouble. */
  async function complete(
    claimed: LeaseRow,
    ctx: AuditContext,
    known?: DynamicSecretConfig,
  ): Promise<RevocationResult> {
    const release = keepClaimAlive(claimed, "revoking");
    try {
      return await cleanUpAndSettle(claimed, ctx, known);
    } finally {
      release();
    }
  }

  async function cleanUpAndSettle(
    claimed: LeaseRow,
    ctx: AuditContext,
    known?: DynamicSecretConfig,
  ): Promise<RevocationResult> {
    let outcome: RevokeOutcome;
    try {
      const config = known ?? (await lookup.loadConfig(claimed.orgId, claimed.dynamicSecretId));
      if (!config) throw new AppError(409, "dynamic_secret_missing", "The lease's dynamic secret no longer exists");
      outcome = await providers(config).revoke({
        config,
        lease: claimed,
        reason: reasonOf(claimed),
        actorName: ctx.actor.name,
        ctx,
      });
    } catch (error) {
      let failure: AppError;
      if (error instanceof AppError) failure = error;
      else {
        logger.error({ err: error, leaseId: claimed.id }, "unexpected error while revoking a lease");
        failure = new AppError(502, "revoke_failed", "An unexpected error stopped the cleanup; see the server log.");
      }
      deps.metrics?.revocationsFailed.inc({ reason: failure.code });
      if (claimed.revokeAttempts > 0) deps.metrics?.revocationsRetried.inc({ result: "failed" });
      return { lease: await recordFailure(claimed, failure, ctx), error: failure };
    }
    if (claimed.revokeAttempts > 0) deps.metrics?.revocationsRetried.inc({ result: "revoked" });
    return { lease: await recordSuccess(claimed, outcome, ctx), error: null };
  }

  /** When a lease cannot be claimed: the answer for its current state. */
  async function unclaimable(lease: LeaseRow): Promise<RevocationResult> {
    const current = (await repo.findById(db, lease.orgId, lease.id)) ?? lease;
    if (current.status === "revoked" || current.status === "expired") return { lease: current, error: null };
    if (current.status === "creating")
      throw conflict("lease_creating", "The lease is still being created; revoke it once it is active");
    throw conflict("lease_revoking", "The lease is being revoked right now; check back in a moment");
  }

  /**
   * Revoke on request: the caller waits for the cleanup. Revoking a revoked lease answers it
   * unchanged. `config`: the lease's dynamic secret, when the caller has just loaded it.
   */
  async function revokeNow(
    ctx: AuditContext,
    lease: LeaseRow,
    config?: DynamicSecretConfig,
  ): Promise<RevocationResult> {
    const by = actorOf(ctx);
    const claimed = await claim(lease, ["active", "revoke_failed"], {
      revokedByType: by.type,
      revokedById: by.id,
      revokedByName: by.name,
    });
    return claimed ? complete(claimed, ctx, config) : unclaimable(lease);
  }

  return {
    complete,
    revokeNow,

    /**
     * For a lease whose revocation keeps failing: one more cleanup attempt, and if AWS still
     * refuses, the lease is marked revoked anyway, with statusDetails saying what may
     * remain at AWS and the audit log naming who forced it.
     */
    async forceRevoke(ctx: AuditContext, lease: LeaseRow): Promise<{ lease: LeaseRow; cleanupConfirmed: boolean }> {
      if (lease.status === "creating")
        throw conflict(
          "lease_creating",
          "The lease is still being created; the recovery worker cleans it up if its creation was interrupted",
        );
      let lastError = lease.lastError;
      if (lease.status === "active" || lease.status === "revoke_failed") {
        const attempt = await revokeNow(ctx, lease);
        if (!attempt.error && attempt.lease.status !== "revoking")
          return { lease: attempt.lease, cleanupConfirmed: true };
        lastError = attempt.error?.message ?? lastError;
      }
      const config = await lookup.loadConfig(lease.orgId, lease.dynamicSecretId);
      const mayRemain = config
        ? providers(config).words.mayRemain(lease)
        : "What it held at AWS may remain: check the account.";
      const now = clock.now();
      const by = actorOf(ctx);
      const forced = await db.transaction(async (tx) => {
        const row = await repo.transition(
          tx,
          lease.orgId,
          lease.id,
          { from: ["active", "revoking", "revoke_failed"] },
          {
            status: "revoked",
            dueAt: null,
            nextAttemptAt: null,
            revokedAt: now,
            revokedByType: by.type,
            revokedById: by.id,
            revokedByName: by.name,
            updatedAt: now,
            statusDetails:
              `Force-revoked by ${by.name}: AWS cleanup was not confirmed` +
              `${lastError ? ` (last error: ${lastError})` : ""}. ${mayRemain}`,
          },
        );
        if (!row) return null;
        await record(tx, ctx, row, "lease.force-revoke", { lastError, cleanupConfirmed: false });
        return row;
      });
      // Not movable (already settled by someone else): report it as it stands.
      if (!forced) {
        const current = (await repo.findById(db, lease.orgId, lease.id))!;
        return {
          lease: current,
          cleanupConfirmed:
            current.status !== "revoking" && current.status !== "revoke_failed" && current.status !== "active",
        };
      }
      return { lease: forced, cleanupConfirmed: false };
    },

    /**
     * A create failed: if something may exist at AWS, undo it at once through the provider
     * (which proves ownership first); otherwise settle the lease as revoked directly.
     */
    async compensate(
      ctx: AuditContext,
      intent: LeaseRow,
      failure: AppError,
      entityMayExist: boolean,
      nothingCreated: string,
    ): Promise<RevocationResult> {
      const patch: LeasePatch = {
        creationError: failure.message,
        revokedByType: "system",
        revokedById: null,
        revokedByName: "lease creation",
      };
      if (entityMayExist) {
        const claimed = await claim(intent, ["creating"], patch);
        return claimed
          ? complete(claimed, ctx)
          : { lease: (await repo.findById(db, intent.orgId, intent.id)) ?? intent, error: null };
      }
      const now = clock.now();
      const lease = await db.transaction(async (tx) => {
        const row = await repo.transition(
          tx,
          intent.orgId,
          intent.id,
          { from: ["creating"] },
          {
            ...patch,
            status: "revoked",
            dueAt: null,
            revokedAt: now,
            updatedAt: now,
            statusDetails: `Creation failed: ${failure.message} ${nothingCreated}`,
          },
        );
        if (row) await record(tx, ctx, row, "lease.create-failed", { error: failure.message, outcome: "not-created" });
        return row ?? intent;
      });
      return { lease, error: null };
    },

    /**
     * One batch of a worker: claims up to `batchSize` due leases (SKIP LOCKED, so instances
     * never share one) and revokes them, `concurrency` at a time. Returns how many it claimed.
     */
    async processDue(kind: DueKind, options: { batchSize: number; concurrency: number }) {
      const now = clock.now();
      const name = WORKER_NAMES[kind];
      const patch: LeasePatch = {
        status: "revoking",
        dueAt: later(now, deps.claimTimeoutSeconds),
        updatedAt: now,
        revokedByType: repo.coalesce("revokedByType", "system") as never,
        revokedByName: repo.coalesce("revokedByName", name) as never,
        ...(kind === "recovery"
          ? { creationError: repo.coalesce("creationError", INTERRUPTED_CREATION) as never }
          : {}),
      };
      const probes =
        kind === "expiry"
          ? await catchUp.claimProbes(
              db,
              { now, gapSeconds: OUTAGE_PROBE_GAP_SECONDS, limit: options.batchSize },
              patch,
            )
          : [];
      const claimed = [
        ...probes,
        ...(await repo.claimDue(db, { now, from: DUE_STATUSES[kind], limit: options.batchSize }, patch)),
      ];
      // One read of each dynamic secret per batch, however many of its leases fell due together.
      const configs = new Map<string, Promise<DynamicSecretConfig | null>>();
      const configOf = (row: LeaseRow) => {
        if (!configs.has(row.dynamicSecretId))
          configs.set(row.dynamicSecretId, lookup.loadConfig(row.orgId, row.dynamicSecretId));
        return configs.get(row.dynamicSecretId)!;
      };
      // Every claim of the batch is kept alive from now, not from when its turn comes: with a
      // slow AWS, the last of 50 leases at 10 at a time may start long after the claim timeout.
      const releases = new Map(claimed.map((row) => [row.id, keepClaimAlive(row, "revoking")]));
      const results = await settleWithConcurrency(claimed, options.concurrency, async (row) => {
        try {
          return await cleanUpAndSettle(row, systemContext(row.orgId, name), (await configOf(row)) ?? undefined);
        } finally {
          releases.get(row.id)!();
        }
      });
      const failed = results.filter((r) => r.status === "rejected" || r.value.error).length;
      for (const r of results)
        if (r.status === "rejected") logger.error({ err: r.reason }, `${name}: settling a lease failed`);
      const more = caughtUp > 0;
      caughtUp = 0;
      return { claimed: claimed.length, failed, more };
    },
  };
}
export type LeaseRevocation = ReturnType<typeof createLeaseRevocation>;
