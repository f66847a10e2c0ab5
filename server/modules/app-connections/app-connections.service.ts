import type { CreateAppConnectionInput, UpdateAppConnectionInput } from "#shared/schemas/app-connections.ts";
import type { Actor, Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../../db/errors.ts";
import type { ConnectionCredentialFactory } from "../../lib/aws/connection-credentials.ts";
import type { Envelope } from "../../lib/crypto/envelope.ts";
import { AppError, conflict, fieldError, forbidden, notFound } from "../../lib/http/errors.ts";
import type { Access } from "../access/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import type { AppConnectionRow, AppConnectionsRepo } from "./app-connections.repo.ts";
import {
  auditMetadataOf,
  credentialColumns,
  secretsFromCreateInput,
  secretsFromUpdate,
  secretsOfRow,
  toAppConnection,
} from "./connection-records.ts";
import type { ConnectionUsage } from "./connection-usage.ts";

type Need = "read" | "manage";

export function createAppConnectionsService(deps: {
  db: Db;
  repo: AppConnectionsRepo;
  access: Access;
  projects: ProjectsService;
  audit: AuditService;
  envelope: Envelope;
  factory: ConnectionCredentialFactory;
  usage: ConnectionUsage;
  clock: Clock;
  randomId: () => string;
}) {
  const { db, repo, access, projects, audit, envelope, factory, usage, clock, randomId } = deps;

  const nameTaken = () =>
    fieldError(["name"], "A connection with this name already exists in this scope", "name_taken");
  const orgAction = (need: Need): "connections.read" | "connections.manage" =>
    need === "read" ? "connections.read" : "connections.manage";

  /** Checks a scope before anything else happens: the org's connections, or one project's. */
  async function authorizeScope(actor: Actor, projectId: string | null, need: Need, tx: Db = db) {
    if (projectId === null) access.requireOrg(actor, actor.orgId, orgAction(need));
    else await projects.authorize(actor, projectId, orgAction(need), tx);
  }

  /** A connection the actor may see (404 otherwise, across orgs and projects alike), then the action (403). */
  async function authorizeConnection(
    actor: Actor,
    row: AppConnectionRow | null,
    need: Need,
    tx: Db = db,
  ): Promise<AppConnectionRow> {
    if (!row) throw notFound("App connection");
    if (row.projectId === null) {
      if (!access.can(actor, "connections.read", { orgId: row.orgId })) throw notFound("App connection");
      if (!access.can(actor, orgAction(need), { orgId: row.orgId }))
        throw forbidden("Only organization admins manage organization-wide connections");
    } else {
      const membershipRole = await projects.roleOf(actor, row.projectId, tx);
      access.requireProject(
        actor,
        { orgId: row.orgId, projectId: row.projectId, membershipRole },
        orgAction(need),
        "App connection",
      );
    }
    return row;
  }

  const load = async (actor: Actor, connectionId: string, need: Need, tx: Db = db) =>
    authorizeConnection(actor, await repo.find(tx, actor.orgId, connectionId), need, tx);

  async function withNameCheck<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw isUniqueViolation(error) ? nameTaken() : error;
    }
  }

  function inUse(users: Awaited<ReturnType<ConnectionUsage["findUsers"]>>) {
    const names = users
      .slice(0, 5)
      .map((u) => `"${u.name}"`)
      .join(", ");
    const more = users.length > 5 ? ` and ${users.length - 5} more` : "";
    return conflict(
      "connection_in_use",
      `This connection is used by ${users.length} ${users.length === 1 ? "dynamic secret" : "dynamic secrets"} ` +
        `(${names}${more}). Delete them or move them to another connection first.`,
      { users },
    );
  }

  return {
    /** Lists the org's connections, or those a project may use: its own and the org's. */
    async list(ctx: RequestContext, projectId: string | undefined) {
      if (projectId === undefined) {
        access.requireOrg(ctx.actor, ctx.actor.orgId, "connections.read");
        return (await repo.list(db, ctx.actor.orgId, null, false)).map(toAppConnection);
      }
      await authorizeScope(ctx.actor, projectId, "read");
      const withOrgScoped = access.can(ctx.actor, "connections.read", { orgId: ctx.actor.orgId });
      return (await repo.list(db, ctx.actor.orgId, projectId, withOrgScoped)).map(toAppConnection);
    },

    get: async (ctx: RequestContext, connectionId: string) =>
      toAppConnection(await load(ctx.actor, connectionId, "read")),

    async getByName(ctx: RequestContext, name: string, projectId: string | undefined) {
      const row = await repo.findByName(db, ctx.actor.orgId, projectId ?? null, name);
      return toAppConnection(await authorizeConnection(ctx.actor, row, "read"));
    },

    /** Validates with AWS first; nothing is stored when AWS refuses. */
    async create(ctx: RequestContext, input: CreateAppConnectionInput) {
      const orgId = ctx.actor.orgId;
      const projectId = input.projectId ?? null;
      await authorizeScope(ctx.actor, projectId, "manage");
      if (await repo.findByName(db, orgId, projectId, input.name)) throw nameTaken();
      const id = randomId();
      const secrets = secretsFromCreateInput(input);
      const { identityArn } = await factory.validate({ connectionId: id, orgId, projectId }, secrets);
      const now = clock.now();
      return withNameCheck(() =>
        db.transaction(async (tx) => {
          const row = await repo.insert(tx, {
            id,
            orgId,
            projectId,
            name: input.name,
            description: input.description || null,
            method: input.method,
            ...credentialColumns(envelope, id, secrets),
            version: 1,
            status: "connected",
            statusMessage: null,
            identityArn,
            lastCheckedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          await audit.record(tx, ctx, {
            action: "app-connection.create",
            resourceType: "app-connection",
            resourceId: id,
            projectId,
            metadata: { ...auditMetadataOf(row), identityArn },
          });
          return toAppConnection(row);
        }),
      );
    },

    /** Renames need no AWS call; new credentials are validated first and bump the version. */
    async update(ctx: RequestContext, connectionId: string, patch: UpdateAppConnectionInput) {
      const before = await load(ctx.actor, connectionId, "manage");
      const secrets = patch.credentials ? secretsFromUpdate(before, patch.credentials) : null;
      const validated = secrets
        ? await factory.validate({ connectionId, orgId: before.orgId, projectId: before.projectId }, secrets)
        : null;
      const updated = await withNameCheck(() =>
        db.transaction(async (tx) => {
          const row = await authorizeConnection(
            ctx.actor,
            await repo.findForUpdate(tx, ctx.actor.orgId, connectionId),
            "manage",
            tx,
          );
          // Another change landed while AWS was validating these credentials: do not overwrite it blindly.
          if (secrets && row.version !== before.version)
            throw conflict(
              "connection_changed",
              "The connection's credentials changed while these were being checked. Reload and try again.",
            );
          const now = clock.now();
          const next = await repo.update(tx, row.orgId, row.id, {
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.description !== undefined ? { description: patch.description || null } : {}),
            ...(secrets && validated
              ? {
                  ...credentialColumns(envelope, row.id, secrets),
                  version: row.version + 1,
                  status: "connected" as const,
                  statusMessage: null,
                  identityArn: validated.identityArn,
                  lastCheckedAt: now,
                }
              : {}),
            updatedAt: now,
          });
          const changed = [
            ...(patch.name !== undefined ? ["name"] : []),
            ...(patch.description !== undefined ? ["description"] : []),
            ...(secrets ? ["credentials"] : []),
          ];
          await audit.record(tx, ctx, {
            action: "app-connection.update",
            resourceType: "app-connection",
            resourceId: row.id,
            projectId: row.projectId,
            metadata: { ...auditMetadataOf(next!), changed },
          });
          return next!;
        }),
      );
      if (secrets) factory.evict(connectionId);
      return toAppConnection(updated);
    },

    /**
     * Re-validates a stored connection and records the outcome, good or bad;
     * a failure is then thrown as translated.
     */
    async test(ctx: RequestContext, connectionId: string) {
      const row = await load(ctx.actor, connectionId, "manage");
      let failure: AppError | null = null;
      let identityArn: string | null = null;
      try {
        identityArn = (
          await factory.validate(
            { connectionId: row.id, orgId: row.orgId, projectId: row.projectId },
            secretsOfRow(envelope, row),
          )
        ).identityArn;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failure = error;
        factory.evict(row.id);
      }
      const updated = await db.transaction(async (tx) => {
        const now = clock.now();
        const next = await repo.update(
          tx,
          row.orgId,
          row.id,
          failure
            ? { status: "failed", statusMessage: failure.message, lastCheckedAt: now }
            : { status: "connected", statusMessage: null, identityArn, lastCheckedAt: now },
        );
        if (!next) throw notFound("App connection");
        await audit.record(tx, ctx, {
          action: "app-connection.test",
          resourceType: "app-connection",
          resourceId: row.id,
          projectId: row.projectId,
          metadata: { name: row.name, ok: !failure, ...(failure ? { reasonCode: failure.code } : { identityArn }) },
        });
        return next;
      });
      if (failure) throw failure;
      return toAppConnection(updated);
    },

    /** Refused while dynamic secrets use the connection; the refusal lists them. */
    async remove(ctx: RequestContext, connectionId: string) {
      const row = await load(ctx.actor, connectionId, "manage");
      const users = await usage.findUsers(row.orgId, row.id);
      if (users.length > 0) throw inUse(users);
      try {
        await db.transaction(async (tx) => {
          const stillUsed = await usage.findUsers(row.orgId, row.id, tx);
          if (stillUsed.length > 0) throw inUse(stillUsed);
          await repo.remove(tx, row.orgId, row.id);
          await audit.record(tx, ctx, {
            action: "app-connection.delete",
            resourceType: "app-connection",
            resourceId: row.id,
            projectId: row.projectId,
            metadata: auditMetadataOf(row),
          });
        });
      } catch (error) {
        // A dynamic secret created in the meantime holds a foreign key to the connection.
        if (isForeignKeyViolation(error)) throw inUse(await usage.findUsers(row.orgId, row.id));
        throw error;
      }
      factory.evict(row.id);
      return toAppConnection(row);
    },

    /** Leasehold's own AWS principal, for the wizard's trust policy (those who may create connections only). */
    async serverPrincipal(ctx: RequestContext, projectId: string | undefined) {
      await authorizeScope(ctx.actor, projectId ?? null, "manage");
      return factory.serverPrincipal();
    },

    /** The contract with dynamic secrets: see ConnectionCredentialSource. */
    ...factory.credentialSource(async (ctx, connectionId, use) => {
      const row = await repo.find(db, ctx.actor.orgId, connectionId);
      if (!row) throw notFound("App connection");
      if (ctx.actor.type !== "system") {
        // The project must be the actor's org's, and the actor allowed to use connections in it.
        await projects.authorize(ctx.actor, use.projectId, "connections.use");
        if (row.projectId !== null && row.projectId !== use.projectId)
          await authorizeConnection(ctx.actor, row, "read");
      }
      if (row.projectId !== null && row.projectId !== use.projectId) {
        throw new AppError(
          403,
          "connection_not_in_project",
          `The connection "${row.name}" belongs to another project: only that project can use it. ` +
            "Use an organization-wide connection or one of this project's.",
        );
      }
      return { connection: row, secrets: secretsOfRow(envelope, row) };
    }),
  };
}
export type AppConnectionsService = ReturnType<typeof createAppConnectionsService>;
