import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, organizations } from "./people.ts";

/** Append-only: rows are inserted in the same transaction as the write they record. */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    actorType: text("actor_type", { enum: ["user", "identity", "system"] }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    projectId: uuid("project_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_logs_org_created_idx").on(t.orgId, t.createdAt.desc(), t.id.desc()),
    // A project's newest records (its overview's recent activity), without walking the whole org's log.
    index("audit_logs_org_project_created_idx")
      .on(t.orgId, t.projectId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.projectId} is not null`),
  ],
);
