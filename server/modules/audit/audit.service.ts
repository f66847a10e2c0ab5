import { type SQL, sql } from "drizzle-orm";
import type { AuditAction, AuditResourceType } from "#shared/audit-events.ts";
import type { AuditLog, ListAuditLogsQuery } from "#shared/schemas/audit.ts";
import type { AuditContext, Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import type { Access } from "../access/access.ts";
import type { AuditLogRow, createAuditRepo, NewAuditLog } from "./audit.repo.ts";

export interface AuditEvent {
  /** Verb-noun, e.g. "project.create", "lease.revoke": one of shared/audit-events.ts, which the dashboard offers. */
  action: AuditAction;
  resourceType: AuditResourceType;
  resourceId?: string | null;
  projectId?: string | null;
  /** Never secrets: callers pass names and IDs only. */
  metadata?: Record<string, unknown>;
  /** For events recorded in another org than the actor's (never used across tenants today). */
  orgId?: string;
}

export function createAuditService(deps: {
  db: Db;
  repo: ReturnType<typeof createAuditRepo>;
  access: Access;
  clock: Clock;
  randomId: () => string;
}) {
  /** The row of one record: who (the actor), what, where, and from which request. */
  function entry(ctx: AuditContext, event: AuditEvent): NewAuditLog {
    return {
      id: deps.randomId(),
      orgId: event.orgId ?? ctx.actor.orgId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorName: ctx.actor.type === "user" ? ctx.actor.email : ctx.actor.name,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId ?? null,
      projectId: event.projectId ?? null,
      metadata: event.metadata ?? {},
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
      createdAt: deps.clock.now(),
    };
  }

  return {
    /** Records one write, inside the caller's transaction so the record and the change land together. */
    async record(tx: Db, ctx: AuditContext, event: AuditEvent) {
      await deps.repo.insert(tx, entry(ctx, event));
    },

    /**
     * The record as a data-modifying CTE (named `audit`) of the statement that makes the change, so
     * both land together without a transaction around them (docs/decisions/0912-lease-and-login-time.md).
     * Written only when `condition` holds, e.g. `exists (select 1 from <the CTE that made the change>)`.
     */
    recordWith(db: Db, ctx: AuditContext, event: AuditEvent, condition: SQL = sql`true`) {
      return db.$with("audit", {}).as(deps.repo.insertWhere(entry(ctx, event), condition));
    },

    async list(ctx: RequestContext, orgId: string, query: ListAuditLogsQuery) {
      deps.access.requireOrg(ctx.actor, orgId, "audit.read");
      const { rows, totalCount } = await deps.repo.list(deps.db, orgId, query);
      return { auditLogs: rows.map(toAuditLog), totalCount };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

function toAuditLog(row: AuditLogRow): AuditLog {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
