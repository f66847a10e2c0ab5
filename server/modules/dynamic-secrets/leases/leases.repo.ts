import { and, asc, count, eq, getTableColumns, inArray, lte, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { WithSubquery } from "drizzle-orm/subquery";
import type { LeaseStatus } from "#shared/schemas/leases.ts";
import { LIVE_LEASE_STATUSES } from "#shared/schemas/leases.ts";
import type { Db } from "../../../db/client.ts";
import { preparedPerDb } from "../../../db/prepared-query.ts";
import { dynamicSecrets, dynamicSecretLeases as leases } from "../../../db/schema.ts";

export type LeaseRow = typeof leases.$inferSelect;
export type LeaseInsert = typeof leases.$inferInsert;
/** The statuses whose `due_at` is a claim: a create in progress, and a cleanup in progress. */
export type ClaimedStatus = Extract<LeaseStatus, "creating" | "revoking">;
export type LeasePatch = Partial<
  Omit<LeaseInsert, "id" | "orgId" | "projectId" | "dynamicSecretId" | "createdAt" | "version">
>;

// Written out, not bound as parameters, so the planner can match the partial indexes' predicate.
const LIVE: SQL = sql.raw(`${leases.status.name} in (${LIVE_LEASE_STATUSES.map((s) => `'${s}'`).join(", ")})`);
const statusIn = (statuses: readonly LeaseStatus[]): SQL =>
  sql.raw(`${leases.status.name} in (${statuses.map((s) => `'${s}'`).join(", ")})`);

export interface LeaseCursor {
  createdAt: Date;
  id: string;
}

/**
 * The only SQL on leases. Every query a request makes is scoped by org; the two worker
 * queries (claimDue, findLiveByIds) are deliberately global: the workers serve every
 * organisation, and the orphan check must never call another tenant's live user an orphan.
 */
/** What a compare-and-set expects of the lease: its version, and one of these statuses. */
type Expected = { version?: number; from?: readonly LeaseStatus[] };

const byId = (orgId: string | Placeholder, id: string | Placeholder) => and(eq(leases.orgId, orgId), eq(leases.id, id));

/** Applies `patch` and bumps the version only when the lease is still as `expected`. */
const compareAndSet = (db: Db, orgId: string, id: string, expected: Expected, patch: LeasePatch) =>
  db
    .update(leases)
    .set({ ...patch, version: sql`${leases.version} + 1` })
    .where(
      and(
        byId(orgId, id),
        expected.version !== undefined ? eq(leases.version, expected.version) : undefined,
        expected.from ? statusIn(expected.from) : undefined,
      ),
    );

const findWithSecretStatement = preparedPerDb((db) =>
  db
    .select({ lease: leases, secret: dynamicSecrets })
    .from(leases)
    .innerJoin(
      dynamicSecrets,
      and(eq(dynamicSecrets.orgId, leases.orgId), eq(dynamicSecrets.id, leases.dynamicSecretId)),
    )
    .where(byId(sql.placeholder("orgId"), sql.placeholder("id")))
    .prepare("leasehold_find_lease_with_secret"),
);

/** Every lease column, read from a CTE that returned whole lease rows. */
const movedColumns = (moved: object) =>
  Object.fromEntries(
    Object.keys(getTableColumns(leases)).map((key) => [key, (moved as Record<string, AnyPgColumn>)[key]!]),
  );

export function createLeasesRepo() {
  return {
    /** `also`: data-modifying CTEs written in the same statement (the lease's audit record). */
    insert: (db: Db, row: LeaseInsert, also: WithSubquery[] = []) =>
      db
        .with(...also)
        .insert(leases)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    findById: (db: Db, orgId: string, id: string) =>
      db
        .select()
        .from(leases)
        .where(byId(orgId, id))
        .then((r) => r[0] ?? null),
    /**
     * A lease and its dynamic secret in one prepared query, for the requests that address a lease by ID
     * (decision 0912).
     */
    findWithSecret: (db: Db, orgId: string, id: string) =>
      findWithSecretStatement(db)
        .execute({ orgId, id })
        .then((r) => r[0] ?? null),

    /** A page of a secret's leases, newest first, by keyset (fast on the millionth row too). */
    listForSecret(
      db: Db,
      orgId: string,
      dynamicSecretId: string,
      q: { liveOnly: boolean; limit: number; after?: LeaseCursor | undefined },
    ) {
      const filters: (SQL | undefined)[] = [eq(leases.orgId, orgId), eq(leases.dynamicSecretId, dynamicSecretId)];
      if (q.liveOnly) filters.push(LIVE);
      if (q.after) {
        const after = sql`(${q.after.createdAt.toISOString()}::timestamptz, ${q.after.id}::uuid)`;
        filters.push(sql`(${leases.createdAt}, ${leases.id}) < ${after}`);
      }
      // NULLS LAST as in the indexes (drizzle's default there): otherwise PostgreSQL cannot read the index in order
      // and sorts every row.
      return db
        .select()
        .from(leases)
        .where(and(...filters))
        .orderBy(sql`${leases.createdAt} desc nulls last`, sql`${leases.id} desc nulls last`)
        .limit(q.limit);
    },
    countLive: (db: Db, orgId: string, dynamicSecretId: string) =>
      db
        .select({ value: count() })
        .from(leases)
        .where(and(eq(leases.orgId, orgId), eq(leases.dynamicSecretId, dynamicSecretId), LIVE))
        .then((r) => r[0]?.value ?? 0),
    async countLiveBySecret(db: Db, orgId: string, dynamicSecretIds: string[]): Promise<Map<string, number>> {
      if (dynamicSecretIds.length === 0) return new Map();
      const rows = await db
        .select({ id: leases.dynamicSecretId, value: count() })
        .from(leases)
        .where(and(eq(leases.orgId, orgId), inArray(leases.dynamicSecretId, dynamicSecretIds), LIVE))
        .groupBy(leases.dynamicSecretId);
      return new Map(rows.map((r) => [r.id, r.value]));
    },
    listLive: (db: Db, orgId: string, dynamicSecretId: string, limit: number) =>
      db
        .select()
        .from(leases)
        .where(and(eq(leases.orgId, orgId), eq(leases.dynamicSecretId, dynamicSecretId), LIVE))
        .orderBy(asc(leases.createdAt))
        .limit(limit),
    /** Which of these lease IDs belong to a live lease, in any organisation (see above). */
    findLiveByIds: (db: Db, ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([] as { id: string }[])
        : db
            .select({ id: leases.id })
            .from(leases)
            .where(and(inArray(leases.id, ids), LIVE)),

    /**
     * Compare-and-set: applies `patch` and bumps the version only when the lease is still at
     * `version` (and, when given, in one of `from`). Null when someone else moved it first.
     */
    transition: (db: Db, orgId: string, id: string, expected: Expected, patch: LeasePatch) =>
      compareAndSet(db, orgId, id, expected, patch)
        .returning()
        .then((r) => r[0] ?? null),

    /**
     * transition(), and in the same statement what follows from it: `also` gets the condition "the
     * lease moved" and returns data-modifying CTEs written only under it (its audit record), and
     * optionally one whose rows are counted (leases it made due). One statement, so no transaction
     * around them (docs/decisions/0912-lease-and-login-time.md).
     */
    async transitionWith(
      db: Db,
      orgId: string,
      id: string,
      expected: Expected,
      patch: LeasePatch,
      also: (moved: SQL) => { writes: WithSubquery[]; counted?: WithSubquery },
    ): Promise<{ row: LeaseRow | null; counted: number }> {
      const moved = db.$with("moved").as(compareAndSet(db, orgId, id, expected, patch).returning());
      const { writes, counted } = also(sql`exists (select 1 from ${moved})`);
      const count = counted ? sql<number>`(select count(*) from ${counted})::int` : sql<number>`0`;
      const [first] = await db
        .with(moved, ...writes, ...(counted ? [counted] : []))
        .select({ ...movedColumns(moved), leaseholdCounted: count.as("leasehold_counted") })
        .from(moved);
      if (!first) return { row: null, counted: 0 };
      const { leaseholdCounted, ...row } = first;
      return { row: row as unknown as LeaseRow, counted: Number(leaseholdCounted) };
    },

    /**
     * Claims up to `limit` due leases in one statement: SELECT … FOR UPDATE SKIP LOCKED picks
     * rows no other instance is claiming, and the UPDATE moves them to `revoking` with a
     * new due time (the claim timeout), so nobody else picks them up until then. Instances
     * hold no lease in memory between ticks; the database is the queue.
     */
    claimDue(db: Db, q: { now: Date; from: readonly LeaseStatus[]; limit: number }, patch: LeasePatch) {
      const due = db
        .select({ id: leases.id })
        .from(leases)
        .where(and(lte(leases.dueAt, q.now), statusIn(q.from)))
        .orderBy(asc(leases.dueAt))
        .limit(q.limit)
        .for("update", { skipLocked: true });
      return db
        .update(leases)
        .set({ ...patch, version: sql`${leases.version} + 1` })
        .where(inArray(leases.id, due))
        .returning();
    },
    /**
     * What AWS made for a lease that was taken over while it was being made: a fact, not a state change, so the
     * version stays (the instance settling it keeps its claim) and the provider's revoke can find it.
     */
    recordIssued: (db: Db, orgId: string, id: string, issued: Pick<LeasePatch, "externalEntityId" | "cleanup">) =>
      db.update(leases).set(issued).where(byId(orgId, id)),

    /**
     * The `aws:userid`s a deny target must hold now: leases revoked, being revoked or failing to be, whose
     * credentials have not expired (providers/aws-sts). Deliberately global: one role may serve several orgs.
     */
    deniedSessions: (db: Db, denyAt: string, now: Date) =>
      db
        .select({ userId: sql<string>`${leases.cleanup}->>'userId'` })
        .from(leases)
        .where(
          and(
            sql`${leases.cleanup}->>'denyAt' = ${denyAt}`,
            statusIn(["revoking", "revoke_failed", "revoked"]),
            sql`${leases.expireAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .then((rows) => rows.map((r) => r.userId).filter(Boolean)),
    /**
     * The heartbeat of a create or a cleanup in progress: moves the claim's timeout on, only while the
     * claim is still this one (same version, still `status`). Does not bump the version, so the
     * transition that follows is fenced by the version it claimed with. False once the claim is lost.
     */
    extendClaim: (db: Db, lease: Pick<LeaseRow, "orgId" | "id" | "version">, status: ClaimedStatus, dueAt: Date) =>
      db
        .update(leases)
        .set({ dueAt })
        .where(and(byId(lease.orgId, lease.id), eq(leases.version, lease.version), statusIn([status])))
        .returning({ id: leases.id })
        .then((r) => r.length === 1),
    /** Fills a column only where it is still empty (who asked first, the first creation error). */
    coalesce: <T>(column: "revokedByType" | "revokedById" | "revokedByName" | "creationError", value: T) =>
      sql`coalesce(${leases[column]}, ${value})`,
  };
}
export type LeasesRepo = ReturnType<typeof createLeasesRepo>;
