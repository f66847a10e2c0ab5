import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { ListAuditLogsQuery } from "#shared/schemas/audit.ts";
import type { Db } from "../../db/client.ts";
import { insertRowWhere } from "../../db/insert-where.ts";
import { auditLogs } from "../../db/schema.ts";

export type AuditLogRow = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;

export function createAuditRepo() {
  return {
    insert: (db: Db, row: NewAuditLog) => db.insert(auditLogs).values(row),
    /** The row, written only when `condition` holds: SQL for a data-modifying CTE (db/insert-where.ts). */
    insertWhere: (row: NewAuditLog, condition: SQL) => insertRowWhere(auditLogs, row, condition),

    async list(db: Db, orgId: string, query: ListAuditLogsQuery) {
      const filters: SQL[] = [eq(auditLogs.orgId, orgId)];
      if (query.action) filters.push(eq(auditLogs.action, query.action));
      if (query.actorId) filters.push(eq(auditLogs.actorId, query.actorId));
      if (query.resourceType) filters.push(eq(auditLogs.resourceType, query.resourceType));
      if (query.projectId) filters.push(eq(auditLogs.projectId, query.projectId));
      if (query.from) filters.push(gte(auditLogs.createdAt, new Date(query.from)));
      if (query.to) filters.push(lte(auditLogs.createdAt, new Date(query.to)));
      const where = and(...filters);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(auditLogs)
          .where(where)
          .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ value: count() }).from(auditLogs).where(where),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },
  };
}
