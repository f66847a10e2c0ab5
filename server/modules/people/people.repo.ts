import { and, asc, count, eq, gt, ilike, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { invites, organizations, orgMemberships, serverSettings, sessions, users } from "../../db/schema.ts";

export type UserRow = typeof users.$inferSelect;

const memberColumns = {
  id: orgMemberships.id,
  userId: users.id,
  email: users.email,
  name: users.name,
  role: orgMemberships.role,
  status: orgMemberships.status,
  createdAt: orgMemberships.createdAt,
};
export type MemberRow = {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: "admin" | "member";
  status: "invited" | "active";
  createdAt: Date;
};

/** SQL for people, organisations, org memberships, invites and sessions. */
export function createPeopleRepo() {
  return {
    async countUsers(db: Db) {
      const [row] = await db.select({ value: count() }).from(users);
      return row?.value ?? 0;
    },
    /** Claims the one-time setup; false when another setup already claimed it. */
    async claimSetup(db: Db) {
      const rows = await db
        .insert(serverSettings)
        .values({ key: "setup_completed", value: "true" })
        .onConflictDoNothing()
        .returning();
      return rows.length === 1;
    },
    async getSetting(db: Db, key: string) {
      const [row] = await db.select().from(serverSettings).where(eq(serverSettings.key, key));
      return row?.value ?? null;
    },
    /** Stores a value only if none exists yet; returns whichever value won. */
    async putSettingOnce(db: Db, key: string, value: string) {
      await db.insert(serverSettings).values({ key, value }).onConflictDoNothing();
      const [row] = await db.select().from(serverSettings).where(eq(serverSettings.key, key));
      return row!.value;
    },

    insertOrganization: (db: Db, row: typeof organizations.$inferInsert) =>
      db
        .insert(organizations)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    findOrganization: (db: Db, id: string) =>
      db
        .select()
        .from(organizations)
        .where(eq(organizations.id, id))
        .then((r) => r[0] ?? null),

    insertUser: (db: Db, row: typeof users.$inferInsert) =>
      db
        .insert(users)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    findUserByEmail: (db: Db, email: string) =>
      db
        .select()
        .from(users)
        .where(eq(users.email, email))
        .then((r) => r[0] ?? null),
    findUserById: (db: Db, id: string) =>
      db
        .select()
        .from(users)
        .where(eq(users.id, id))
        .then((r) => r[0] ?? null),
    async activateUser(db: Db, id: string, name: string, passwordHash: string, now: Date) {
      await db.update(users).set({ name, passwordHash, updatedAt: now }).where(eq(users.id, id));
    },

    insertMembership: (db: Db, row: typeof orgMemberships.$inferInsert) =>
      db
        .insert(orgMemberships)
        .values(row)
        .returning()
        .then((r) => r[0]!),
    /** The org a person signs into: their oldest active membership. */
    findPrimaryMembership: (db: Db, userId: string) =>
      db
        .select()
        .from(orgMemberships)
        .where(and(eq(orgMemberships.userId, userId), eq(orgMemberships.status, "active")))
        .orderBy(asc(orgMemberships.createdAt))
        .limit(1)
        .then((r) => r[0] ?? null),
    findMembershipOfUser: (db: Db, orgId: string, userId: string) =>
      db
        .select()
        .from(orgMemberships)
        .where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.userId, userId)))
        .then((r) => r[0] ?? null),
    findMember: (db: Db, orgId: string, memberId: string): Promise<MemberRow | null> =>
      db
        .select(memberColumns)
        .from(orgMemberships)
        .innerJoin(users, eq(users.id, orgMemberships.userId))
        .where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.id, memberId)))
        .then((r) => r[0] ?? null),
    async listMembers(db: Db, orgId: string, q: { offset: number; limit: number; search?: string | undefined }) {
      const pattern = q.search ? `%${q.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
      const where = and(
        eq(orgMemberships.orgId, orgId),
        pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select(memberColumns)
          .from(orgMemberships)
          .innerJoin(users, eq(users.id, orgMemberships.userId))
          .where(where)
          .orderBy(asc(users.email))
          .limit(q.limit)
          .offset(q.offset),
        db
          .select({ value: count() })
          .from(orgMemberships)
          .innerJoin(users, eq(users.id, orgMemberships.userId))
          .where(where),
      ]);
      return { rows: rows as MemberRow[], totalCount: total?.value ?? 0 };
    },
    updateMemberRole: (db: Db, orgId: string, memberId: string, role: "admin" | "member") =>
      db
        .update(orgMemberships)
        .set({ role })
        .where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.id, memberId))),
    deleteMember: (db: Db, orgId: string, memberId: string) =>
      db.delete(orgMemberships).where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.id, memberId))),
    activateMembership: (db: Db, orgId: string, userId: string) =>
      db
        .update(orgMemberships)
        .set({ status: "active" })
        .where(and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.userId, userId))),
    /**
     * Locks the org's admin memberships and counts them, so two concurrent demotions
     * cannot both pass the "not the last admin" rule.
     */
    async lockAndCountAdmins(db: Db, orgId: string) {
      const rows = await db
        .select({ id: orgMemberships.id })
        .from(orgMemberships)
        .where(
          and(eq(orgMemberships.orgId, orgId), eq(orgMemberships.role, "admin"), eq(orgMemberships.status, "active")),
        )
        .for("update");
      return rows.length;
    },

    insertInvite: (db: Db, row: typeof invites.$inferInsert) => db.insert(invites).values(row),
    /** Marks an unused, unexpired invite used and returns it: one statement, so a link works once. */
    consumeInvite: (db: Db, tokenHash: string, now: Date) =>
      db
        .update(invites)
        .set({ usedAt: now })
        .where(and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt), gt(invites.expiresAt, now)))
        .returning()
        .then((r) => r[0] ?? null),
    deleteInvitesOfUser: (db: Db, orgId: string, userId: string) =>
      db.delete(invites).where(and(eq(invites.orgId, orgId), eq(invites.userId, userId))),

    insertSession: (db: Db, row: typeof sessions.$inferInsert) => db.insert(sessions).values(row),
    /** A session with its person and their membership in the session's org: one query per dashboard request. */
    findSessionWithPerson: (db: Db, tokenHash: string) =>
      db
        .select({
          id: sessions.id,
          orgId: sessions.orgId,
          userId: sessions.userId,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          name: users.name,
          email: users.email,
          role: orgMemberships.role,
          status: orgMemberships.status,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(
          orgMemberships,
          and(eq(orgMemberships.orgId, sessions.orgId), eq(orgMemberships.userId, sessions.userId)),
        )
        .where(eq(sessions.tokenHash, tokenHash))
        .then((r) => r[0] ?? null),
    touchSession: (db: Db, id: string, now: Date) =>
      db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)),
    deleteSession: (db: Db, id: string) => db.delete(sessions).where(eq(sessions.id, id)),
    deleteSessionsOfUser: (db: Db, orgId: string, userId: string) =>
      db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId))),
    deleteExpiredSessions: (db: Db, now: Date) => db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now}`),
  };
}
export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
