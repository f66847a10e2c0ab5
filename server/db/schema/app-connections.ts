import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, organizations, updatedAt } from "./people.ts";
import { projects } from "./projects.ts";

/**
 * AWS App Connections. A connection is org-scoped (project_id null) or project-scoped.
 * The secret access key is stored only as an envelope ciphertext bound to this row and
 * column; the non-secret fields (role ARN, STS endpoint, access key ID) are plain.
 */
export const appConnections = pgTable(
  "app_connections",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    app: text("app", { enum: ["aws"] })
      .notNull()
      .default("aws"),
    name: text("name").notNull(),
    description: text("description"),
    method: text("method", { enum: ["assume-role", "access-key"] }).notNull(),
    roleArn: text("role_arn"),
    stsEndpoint: text("sts_endpoint"),
    accessKeyId: text("access_key_id"),
    secretAccessKeyCiphertext: text("secret_access_key_ciphertext"),
    /** Starts at 1; bumped on every credential change (cached AWS sessions key on it). */
    version: integer("version").notNull().default(1),
    status: text("status", { enum: ["connected", "failed"] }).notNull(),
    statusMessage: text("status_message"),
    /** The ARN AWS returned from GetCallerIdentity at the last successful check. */
    identityArn: text("identity_arn"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => {
    // Pieces of the check below, inlined by drizzle: the constraint's text stays the one the migrations hold.
    const noKey = sql`${t.accessKeyId} is null and ${t.secretAccessKeyCiphertext} is null`;
    const key = sql`${t.accessKeyId} is not null and ${t.secretAccessKeyCiphertext} is not null`;
    return [
      // Names are unique within a scope: the org's own connections, or one project's.
      uniqueIndex("app_connections_org_name_key").on(t.orgId, t.name).where(sql`${t.projectId} is null`),
      uniqueIndex("app_connections_project_name_key").on(t.projectId, t.name).where(sql`${t.projectId} is not null`),
      index("app_connections_org_project_idx").on(t.orgId, t.projectId),
      check(
        "app_connections_method_fields",
        sql`(${t.method} = 'assume-role' and ${t.roleArn} is not null and ${noKey})
       or (${t.method} = 'access-key' and ${t.roleArn} is null and ${t.stsEndpoint} is null and ${key})`,
      ),
    ];
  },
);
