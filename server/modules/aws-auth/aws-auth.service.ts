import { bindablePrincipal, splitCommaList } from "#shared/arn.ts";
import {
  type AwsAuthFields,
  awsAuthRuleIssues,
  type IdentityAwsAuth,
  type UpdateAwsAuthInput,
} from "#shared/schemas/aws-auth.ts";
import type { Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { AppError, conflict, fieldError, notFound } from "../../lib/http/errors.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { IdentitiesService } from "../identities/identities.service.ts";
import type { TokensService } from "../tokens/tokens.service.ts";
import type { AwsAuthRepo, AwsAuthRow } from "./aws-auth.repo.ts";
import { type Bindings, bindingsView, keptBindings, type PrincipalResolver } from "./principal-bindings.ts";
import type { ServerIdSource } from "./server-id.ts";

const FIELDS = [
  "stsEndpoint",
  "allowedPrincipalArns",
  "allowedAccountIds",
  "accessTokenTTL",
  "accessTokenMaxTTL",
  "accessTokenNumUsesLimit",
  "accessTokenTrustedIps",
  "serverIdHeader",
] as const satisfies readonly (keyof AwsAuthFields)[];

const fieldsOf = (row: AwsAuthRow): AwsAuthFields =>
  Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as AwsAuthFields;

function toView(row: AwsAuthRow, serverId: string): IdentityAwsAuth {
  return {
    id: row.id,
    identityId: row.identityId,
    type: "iam",
    ...fieldsOf(row),
    serverId,
    principalBindings: bindingsView(row.allowedPrincipalArns, row.principalBindings),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Audit metadata: the rules themselves, which are not secret, so the log says what changed. */
const auditSummary = (fields: Partial<AwsAuthFields>) => ({
  ...fields,
  ...(fields.accessTokenTrustedIps
    ? { accessTokenTrustedIps: fields.accessTokenTrustedIps.map((t) => t.ipAddress) }
    : {}),
});

function refuseRuleViolations(config: AwsAuthFields) {
  const issues = awsAuthRuleIssues(config);
  if (issues.length > 0) {
    throw new AppError(400, "invalid_request", issues[0]!.message, {
      issues: issues.map((i) => ({ ...i, code: "custom" })),
    });
  }
}

/** Attach, update, read and detach an identity's AWS Auth configuration. */
export function createAwsAuthService(deps: {
  db: Db;
  repo: AwsAuthRepo;
  identities: Pick<IdentitiesService, "load">;
  tokens: Pick<TokensService, "revokeAllOf" | "savePolicy" | "deletePolicy">;
  audit: AuditService;
  serverId: ServerIdSource;
  clock: Clock;
  randomId: () => string;
  resolvePrincipals: PrincipalResolver;
}) {
  const { db, repo, identities, audit, clock, randomId } = deps;

  /** The bindings for a new list of entries: those kept keep theirs; new exact entries are resolved with IAM. */
  async function bindingsFor(allowedPrincipalArns: string, current: Bindings): Promise<Bindings> {
    const kept = keptBindings(allowedPrincipalArns, current);
    const fresh = splitCommaList(allowedPrincipalArns).filter((entry) => !kept[entry]);
    return { ...(await deps.resolvePrincipals(fresh)), ...kept };
  }

  /** AWS Auth fills in its tokens' policy from its config, in the same transaction. */
  const savePolicy = (tx: Db, row: AwsAuthRow) =>
    deps.tokens.savePolicy(
      tx,
      { policyId: row.id, orgId: row.orgId, identityId: row.identityId, authMethod: "aws-auth" },
      {
        accessTokenTTL: row.accessTokenTTL,
        accessTokenMaxTTL: row.accessTokenMaxTTL,
        accessTokenNumUsesLimit: row.accessTokenNumUsesLimit,
        accessTokenTrustedIps: row.accessTokenTrustedIps,
      },
    );

  async function loadConfig(
    tx: Db,
    ctx: RequestContext,
    identityId: string,
    action: "identities.read" | "identities.manage",
  ) {
    const identity = await identities.load(tx, ctx, identityId, action);
    const row = await repo.find(tx, identity.orgId, identity.id);
    if (!row) throw notFound("AWS Auth for this identity");
    return { identity, row };
  }

  return {
    async attach(ctx: RequestContext, identityId: string, input: AwsAuthFields) {
      const serverId = await deps.serverId.get();
      // AWS is asked before the transaction: no database lock waits on IAM.
      const principalBindings = await bindingsFor(input.allowedPrincipalArns, {});
      try {
        return await db.transaction(async (tx) => {
          const identity = await identities.load(tx, ctx, identityId, "identities.manage");
          if (identity.hasAwsAuth)
            throw conflict("aws_auth_attached", "This identity already uses AWS Auth: update it instead");
          const now = clock.now();
          const row = await repo.insert(tx, {
            id: randomId(),
            orgId: identity.orgId,
            identityId: identity.id,
            ...input,
            principalBindings,
            createdAt: now,
            updatedAt: now,
          });
          await savePolicy(tx, row);
          await audit.record(tx, ctx, {
            action: "identity-aws-auth.attach",
            resourceType: "identity",
            resourceId: identity.id,
            metadata: auditSummary(input),
          });
          return toView(row, serverId);
        });
      } catch (error) {
        throw isUniqueViolation(error)
          ? conflict("aws_auth_attached", "This identity already uses AWS Auth: update it instead")
          : error;
      }
    },

    async update(ctx: RequestContext, identityId: string, patch: UpdateAwsAuthInput) {
      const serverId = await deps.serverId.get();
      // New exact entries are resolved before the transaction; the rows's bindings are merged inside it.
      const before =
        patch.allowedPrincipalArns !== undefined ? await loadConfig(db, ctx, identityId, "identities.manage") : null;
      const resolved =
        before && patch.allowedPrincipalArns !== undefined
          ? await bindingsFor(patch.allowedPrincipalArns, before.row.principalBindings)
          : null;
      return db.transaction(async (tx) => {
        const { identity, row } = await loadConfig(tx, ctx, identityId, "identities.manage");
        const changes = Object.fromEntries(
          Object.entries(patch).filter(([, v]) => v !== undefined),
        ) as Partial<AwsAuthFields>;
        // The cross-field rules hold for the result, not just the fields sent.
        refuseRuleViolations({ ...fieldsOf(row), ...changes });
        const principalBindings =
          changes.allowedPrincipalArns !== undefined
            ? { ...resolved, ...keptBindings(changes.allowedPrincipalArns, row.principalBindings) }
            : row.principalBindings;
        const updated = await repo.update(tx, identity.orgId, identity.id, {
          ...changes,
          principalBindings,
          updatedAt: clock.now(),
        });
        await savePolicy(tx, updated!);
        await audit.record(tx, ctx, {
          action: "identity-aws-auth.update",
          resourceType: "identity",
          resourceId: identity.id,
          metadata: auditSummary(changes),
        });
        return toView(updated!, serverId);
      });
    },

    /**
     * Forgets an entry's binding after a deliberate re-creation, then binds it again with IAM where it can;
     * otherwise the next login binds it.
     */
    async rebind(ctx: RequestContext, identityId: string, principalArn: string) {
      const serverId = await deps.serverId.get();
      const { row } = await loadConfig(db, ctx, identityId, "identities.manage");
      if (!splitCommaList(row.allowedPrincipalArns).includes(principalArn))
        throw fieldError(["principalArn"], "This ARN is not among the identity's allowed principal ARNs");
      if (!bindablePrincipal(principalArn))
        throw fieldError(
          ["principalArn"],
          "Only the exact ARN of a role or user can be bound; a wildcard names many principals",
          "principal_not_bindable",
        );
      const resolved = await deps.resolvePrincipals([principalArn]);
      return db.transaction(async (tx) => {
        const { identity, row: current } = await loadConfig(tx, ctx, identityId, "identities.manage");
        const { [principalArn]: previous, ...others } = current.principalBindings;
        const updated = await repo.update(tx, identity.orgId, identity.id, {
          principalBindings: { ...others, ...resolved },
          updatedAt: clock.now(),
        });
        await audit.record(tx, ctx, {
          action: "identity-aws-auth.rebind",
          resourceType: "identity",
          resourceId: identity.id,
          metadata: {
            principalArn,
            previousUniqueId: previous?.uniqueId ?? null,
            uniqueId: resolved[principalArn]?.uniqueId ?? null,
            how: resolved[principalArn] ? "iam" : "at the next login",
          },
        });
        return toView(updated!, serverId);
      });
    },

    async get(ctx: RequestContext, identityId: string) {
      const { row } = await loadConfig(db, ctx, identityId, "identities.read");
      return toView(row, await deps.serverId.get());
    },

    /** Detaches AWS Auth and revokes every token it issued, atomically. */
    async detach(ctx: RequestContext, identityId: string) {
      const serverId = await deps.serverId.get();
      return db.transaction(async (tx) => {
        const { identity, row } = await loadConfig(tx, ctx, identityId, "identities.manage");
        const revokedTokens = await deps.tokens.revokeAllOf(
          tx,
          identity.orgId,
          identity.id,
          "AWS Auth was detached",
          "aws-auth",
        );
        await deps.tokens.deletePolicy(tx, identity.orgId, identity.id, "aws-auth");
        await repo.delete(tx, identity.orgId, identity.id);
        await audit.record(tx, ctx, {
          action: "identity-aws-auth.detach",
          resourceType: "identity",
          resourceId: identity.id,
          metadata: { revokedTokens },
        });
        return toView(row, serverId);
      });
    },
  };
}
export type AwsAuthService = ReturnType<typeof createAwsAuthService>;
