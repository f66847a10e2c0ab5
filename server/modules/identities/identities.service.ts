import type {
  CreateIdentityInput,
  Identity,
  ListIdentitiesQuery,
  UpdateIdentityInput,
} from "#shared/schemas/identities.ts";
import type { Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { fieldError, notFound } from "../../lib/http/errors.ts";
import type { Access } from "../access/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { TokensService } from "../tokens/tokens.service.ts";
import type { IdentitiesRepo, IdentityWithAuth } from "./identities.repo.ts";

function toIdentity(row: IdentityWithAuth): Identity {
  return {
    id: row.id,
    name: row.name,
    orgId: row.orgId,
    role: row.role,
    authMethods: row.hasAwsAuth ? ["aws-auth"] : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = () =>
  fieldError(["name"], "An identity with this name already exists in your organization", "name_taken");

async function mapNameConflict<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken() : error;
  }
}

export function createIdentitiesService(deps: {
  db: Db;
  repo: IdentitiesRepo;
  access: Access;
  audit: AuditService;
  tokens: Pick<TokensService, "revokeAllOf">;
  clock: Clock;
  randomId: () => string;
}) {
  const { db, repo, access, audit, clock, randomId } = deps;

  /** An identity of the actor's org, after the permission check; 404 otherwise. */
  async function load(
    tx: Db,
    ctx: RequestContext,
    identityId: string,
    action: "identities.read" | "identities.manage",
  ) {
    access.requireOrg(ctx.actor, ctx.actor.orgId, action);
    const row = await repo.find(tx, ctx.actor.orgId, identityId);
    if (!row) throw notFound("Identity");
    return row;
  }

  return {
    load,

    async create(ctx: RequestContext, input: CreateIdentityInput) {
      access.requireOrg(ctx.actor, input.organizationId, "identities.manage");
      return mapNameConflict(() =>
        db.transaction(async (tx) => {
          const now = clock.now();
          const row = await repo.insert(tx, {
            id: randomId(),
            orgId: input.organizationId,
            name: input.name,
            role: input.role,
            createdAt: now,
            updatedAt: now,
          });
          await audit.record(tx, ctx, {
            action: "identity.create",
            resourceType: "identity",
            resourceId: row.id,
            metadata: { name: row.name, role: row.role },
          });
          return toIdentity({ ...row, hasAwsAuth: false });
        }),
      );
    },

    async get(ctx: RequestContext, identityId: string) {
      return toIdentity(await load(db, ctx, identityId, "identities.read"));
    },

    async list(ctx: RequestContext, orgId: string, query: ListIdentitiesQuery) {
      access.requireOrg(ctx.actor, orgId, "identities.read");
      const { rows, totalCount } = await repo.list(db, orgId, query);
      return { identities: rows.map(toIdentity), totalCount };
    },

    async update(ctx: RequestContext, identityId: string, patch: UpdateIdentityInput) {
      return mapNameConflict(() =>
        db.transaction(async (tx) => {
          const before = await load(tx, ctx, identityId, "identities.manage");
          const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<
            Pick<Identity, "name" | "role">
          >;
          const updated = await repo.update(tx, before.orgId, before.id, { ...changes, updatedAt: clock.now() });
          await audit.record(tx, ctx, {
            action: "identity.update",
            resourceType: "identity",
            resourceId: before.id,
            metadata: {
              ...changes,
              ...(changes.role && changes.role !== before.role ? { previousRole: before.role } : {}),
            },
          });
          return toIdentity({ ...updated!, hasAwsAuth: before.hasAwsAuth });
        }),
      );
    },

    /** Deletes the identity; all of its tokens stop working in the same transaction. */
    async remove(ctx: RequestContext, identityId: string) {
      return db.transaction(async (tx) => {
        const row = await load(tx, ctx, identityId, "identities.manage");
        const revokedTokens = await deps.tokens.revokeAllOf(tx, row.orgId, row.id, "The identity was deleted");
        await repo.delete(tx, row.orgId, row.id);
        await audit.record(tx, ctx, {
          action: "identity.delete",
          resourceType: "identity",
          resourceId: row.id,
          metadata: { name: row.name, revokedTokens },
        });
        return toIdentity(row);
      });
    },
  };
}
export type IdentitiesService = ReturnType<typeof createIdentitiesService>;
