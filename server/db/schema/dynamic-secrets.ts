import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AwsIamInputsView } from "../../../shared/schemas/dynamic-secrets.ts";
import { LEASE_STATUSES, type LeaseStatus } from "../../../shared/schemas/leases.ts";
import { appConnections } from "./app-connections.ts";
import { createdAt, organizations, updatedAt } from "./people.ts";
import { environments, projects } from "./projects.ts";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * AWS IAM dynamic secrets. The inputs are stored as JSON without the secret access key,
 * which lives only as an envelope ciphertext bound to this row and column.
 *
 * Project, environment and App Connection are referenced with ON DELETE RESTRICT: a
 * cascade would drop lease rows while their IAM users still exist in AWS, leaving users
 * that no lease, worker or orphan check would ever find again.
 */
export const dynamicSecrets = pgTable(
  "dynamic_secrets",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "restrict" }),
    environmentId: uuid("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "restrict" }),
    folderPath: text("folder_path").notNull(),
    name: text("name").notNull(),
    type: text("type", { enum: ["aws-iam"] }).notNull(),
    inputs: jsonb("inputs").$type<AwsIamInputsView>().notNull(),
    secretAccessKeyCiphertext: text("secret_access_key_ciphertext"),
    appConnectionId: uuid("app_connection_id").references(() => appConnections.id, { onDelete: "restrict" }),
    defaultTtlSeconds: integer("default_ttl_seconds").notNull(),
    maxTtlSeconds: integer("max_ttl_seconds"),
    usernameTemplate: text("username_template"),
    metadata: jsonb("metadata").$type<{ key: string; value: string }[]>().notNull().default(sql`'[]'::jsonb`),
    /** Bumped on every change; leases read the configuration they were created with at revoke time. */
    version: integer("version").notNull().default(1),
    /** Set while a delete revokes the leases: no new lease may start. */
    deletingAt: at("deleting_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("dynamic_secrets_location_name_key").on(t.environmentId, t.folderPath, t.name),
    index("dynamic_secrets_org_project_idx").on(t.orgId, t.projectId),
    index("dynamic_secrets_app_connection_idx").on(t.appConnectionId).where(sql`${t.appConnectionId} is not null`),
  ],
);

const LIVE = sql.raw(`status in ('creating', 'active', 'revoking', 'revoke_failed')`);

/**
 * One row per lease, kept after revocation for history. `due_at` is when a worker must
 * next act on the lease, whatever its status: the recovery deadline of a `creating` lease,
 * the expiry of an `active` one, the claim timeout of a `revoking` one, the next retry of a
 * `revoke_failed` one; null once it is over. One partial index on it serves every worker.
 */
export const dynamicSecretLeases = pgTable(
  "dynamic_secret_leases",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    dynamicSecretId: uuid("dynamic_secret_id")
      .notNull()
      .references(() => dynamicSecrets.id, { onDelete: "cascade" }),
    status: text("status", { enum: LEASE_STATUSES }).$type<LeaseStatus>().notNull(),
    username: text("username").notNull(),
    /** The provider's ID of what the lease holds, when it is not the name (an STS session: `AROA…:session-name`). */
    externalEntityId: text("external_entity_id"),
    /** What the provider needs to revoke the lease (providers/provider.ts `LeaseCleanup`); never a secret. */
    cleanup: jsonb("cleanup").$type<{ kind: string } & Record<string, string | number | boolean | null>>(),
    expireAt: at("expire_at").notNull(),
    dueAt: at("due_at"),
    /** Optimistic concurrency: every transition checks and bumps it. */
    version: integer("version").notNull().default(1),
    statusDetails: text("status_details"),
    lastError: text("last_error"),
    /**
     * Why the last revocation failed: `availability` (AWS 5xx, throttling, timeouts, network),
     * retried at once when AWS answers again; `needs-person` (access denied, a missing role…),
     * which keeps its backoff.
     */
    lastFailureKind: text("last_failure_kind", { enum: ["availability", "needs-person"] }),
    creationError: text("creation_error"),
    revokeAttempts: integer("revoke_attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at"),
    createdByType: text("created_by_type", { enum: ["user", "identity", "system"] }).notNull(),
    createdById: text("created_by_id"),
    createdByName: text("created_by_name").notNull(),
    revokedAt: at("revoked_at"),
    revokedByType: text("revoked_by_type", { enum: ["user", "identity", "system"] }),
    revokedById: text("revoked_by_id"),
    revokedByName: text("revoked_by_name"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("dynamic_secret_leases_due_idx").on(t.dueAt).where(sql`${t.dueAt} is not null`),
    index("dynamic_secret_leases_secret_created_idx").on(t.dynamicSecretId, t.createdAt.desc(), t.id.desc()),
    index("dynamic_secret_leases_secret_live_idx").on(t.dynamicSecretId, t.createdAt.desc(), t.id.desc()).where(LIVE),
    // Two live leases of one secret never share an IAM user name (a fixed template would otherwise collide in AWS).
    // The deny lists of STS sessions (providers/aws-sts): by target, only rows that have one.
    index("dynamic_secret_leases_deny_at_idx")
      .on(sql`(${t.cleanup}->>'denyAt')`, t.expireAt)
      .where(sql`(${t.cleanup}->>'denyAt') is not null`),
    uniqueIndex("dynamic_secret_leases_live_username_key").on(t.dynamicSecretId, t.username).where(LIVE),
  ],
);
