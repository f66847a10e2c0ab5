import type { AuditAction } from "#shared/audit-events.ts";
import { formatDurationForApi } from "#shared/durations.ts";
import type {
  AwsIamInputs,
  CreateDynamicSecretInput,
  SecretLocation,
  UpdateDynamicSecretInput,
} from "#shared/schemas/dynamic-secrets.ts";
import { checkUsernameTemplate, UsernameTemplateError } from "#shared/username-template.ts";
import type { Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { Env } from "../../env.ts";
import type { ConnectionCredentialSource } from "../../lib/aws/connection-credentials.ts";
import type { Envelope } from "../../lib/crypto/envelope.ts";
import { AppError, conflict, fieldError } from "../../lib/http/errors.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { decryptConfig, storedInputs, toDynamicSecretView } from "./dynamic-secret-config.ts";
import {
  checkCredentialSource,
  type InputsPatch,
  mergeInputs,
  parseInputs,
  sessionTtlLimits,
} from "./dynamic-secret-inputs.ts";
import type { DynamicSecretLookup } from "./dynamic-secret-lookup.ts";
import type { DynamicSecretRow, DynamicSecretsRepo } from "./dynamic-secrets.repo.ts";
import type { LeasesForDynamicSecrets } from "./leases/leases.service.ts";

export function createDynamicSecretsService(deps: {
  db: Db;
  repo: DynamicSecretsRepo;
  lookup: DynamicSecretLookup;
  leases: LeasesForDynamicSecrets;
  audit: AuditService;
  envelope: Envelope;
  env: Pick<Env, "KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN">;
  connections: () => ConnectionCredentialSource | null;
  clock: Clock;
  randomId: () => string;
}) {
  const { db, repo, lookup, leases, audit, envelope, clock, randomId } = deps;

  const nameTaken = (path: (string | number)[], name: string, where: string) =>
    fieldError(path, `A dynamic secret named "${name}" already exists at ${where}`, "name_taken");
  const record = (
    tx: Db,
    ctx: RequestContext,
    row: DynamicSecretRow,
    action: AuditAction,
    metadata: Record<string, unknown>,
  ) =>
    audit.record(tx, ctx, {
      action,
      resourceType: "dynamic-secret",
      resourceId: row.id,
      projectId: row.projectId,
      metadata: { name: row.name, ...metadata },
    });

  async function views(rows: DynamicSecretRow[], environmentSlug: string) {
    const counts = await leases.countLive(
      rows[0]?.orgId ?? "",
      rows.map((r) => r.id),
    );
    return rows.map((row) => toDynamicSecretView(row, environmentSlug, counts.get(row.id) ?? 0));
  }

  return {
    async create(ctx: RequestContext, input: CreateDynamicSecretInput) {
      const { project, environment, path } = await lookup.location(ctx.actor, input, "dynamic-secrets.manage");
      const inputs = input.provider.inputs;
      const connectionMethod = await checkCredentialSource(deps, ctx, project.id, inputs, ["provider", "inputs"]);
      const maxTtl = sessionTtlLimits(
        inputs,
        connectionMethod,
        { defaultTtl: input.defaultTTL, maxTtl: input.maxTTL ?? null },
        [],
      );
      const id = randomId();
      const now = clock.now();
      try {
        const row = await db.transaction(async (tx) => {
          const inserted = await repo.insert(tx, {
            id,
            orgId: project.orgId,
            projectId: project.id,
            environmentId: environment.id,
            folderPath: path,
            name: input.name,
            type: "aws-iam",
            ...storedInputs(envelope, id, inputs),
            defaultTtlSeconds: input.defaultTTL,
            maxTtlSeconds: maxTtl,
            usernameTemplate: input.usernameTemplate || null,
            metadata: input.metadata ?? [],
            createdAt: now,
            updatedAt: now,
          });
          await record(tx, ctx, inserted, "dynamic-secret.create", {
            environment: environment.slug,
            path,
            method: inserted.inputs.method,
            appConnectionId: inserted.appConnectionId,
            region: inserted.inputs.region,
          });
          return inserted;
        });
        return toDynamicSecretView(row, environment.slug, 0);
      } catch (error) {
        throw isUniqueViolation(error) ? nameTaken(["name"], input.name, `${environment.slug}:${path}`) : error;
      }
    },

    async update(ctx: RequestContext, name: string, input: UpdateDynamicSecretInput) {
      const { project, environment, row } = await lookup.find(ctx.actor, input, name, "dynamic-secrets.manage");
      const data = input.data;
      const patch: Parameters<DynamicSecretsRepo["update"]>[4] = { updatedAt: clock.now() };
      const current = decryptConfig(envelope, row);
      let inputs: AwsIamInputs = { ...current.inputs };
      let connectionMethod: "assume-role" | "access-key" | undefined;
      if (data.inputs) {
        inputs = parseInputs(mergeInputs(current, data.inputs as InputsPatch), ["data", "inputs"]);
        if ((inputs.credentialType ?? "iam-user") !== current.inputs.credentialType)
          throw fieldError(
            ["data", "inputs", "credentialType"],
            "The credential type of a dynamic secret cannot change (its leases are revoked by their own kind): " +
              "create a new dynamic secret instead",
          );
        connectionMethod = await checkCredentialSource(deps, ctx, project.id, inputs, ["data", "inputs"]);
        Object.assign(patch, storedInputs(envelope, row.id, inputs));
      } else if (inputs.appConnectionId && inputs.credentialType === "temporary-credentials") {
        connectionMethod = await checkCredentialSource(deps, ctx, project.id, inputs, ["data", "inputs"]);
      }
      const defaultTtl = data.defaultTTL ?? row.defaultTtlSeconds;
      const maxTtl = sessionTtlLimits(
        inputs,
        connectionMethod,
        { defaultTtl, maxTtl: data.maxTTL !== undefined ? data.maxTTL : row.maxTtlSeconds },
        ["data"],
      );
      if (maxTtl !== null && defaultTtl > maxTtl) {
        throw fieldError(
          ["data", "defaultTTL"],
          `The default TTL (${formatDurationForApi(defaultTtl)}) ` +
            `is longer than the max TTL (${formatDurationForApi(maxTtl)})`,
        );
      }
      const template = data.usernameTemplate !== undefined ? data.usernameTemplate || null : row.usernameTemplate;
      if (template) {
        try {
          checkUsernameTemplate(template, data.newName ?? row.name);
        } catch (error) {
          if (error instanceof UsernameTemplateError) throw fieldError(["data", "usernameTemplate"], error.message);
          throw error;
        }
      }
      Object.assign(patch, {
        defaultTtlSeconds: defaultTtl,
        maxTtlSeconds: maxTtl,
        usernameTemplate: template,
        ...(data.newName ? { name: data.newName } : {}),
        ...(data.metadata ? { metadata: data.metadata } : {}),
      });
      try {
        const updated = await db.transaction(async (tx) => {
          const saved = await repo.update(tx, row.orgId, row.id, row.version, patch);
          if (!saved)
            throw conflict(
              "dynamic_secret_changed",
              "Someone else changed this dynamic secret at the same time; reload and try again",
            );
          // Which settings changed, never their values: inputs may hold a secret key.
          await record(tx, ctx, saved, "dynamic-secret.update", {
            changed: Object.keys(data),
            inputsChanged: Object.keys(data.inputs ?? {}),
            ...(data.newName ? { from: row.name } : {}),
          });
          return saved;
        });
        return (await views([updated], environment.slug))[0]!;
      } catch (error) {
        throw isUniqueViolation(error)
          ? nameTaken(["data", "newName"], data.newName ?? name, `${environment.slug}:${row.folderPath}`)
          : error;
      }
    },

    /**
     * Revokes every lease through the lease machinery first; the secret goes only once no
     * lease may still hold an IAM user. With isForced, leases whose cleanup fails are
     * force-revoked (recorded as unconfirmed) and the secret is deleted anyway.
     */
    async remove(ctx: RequestContext, name: string, input: SecretLocation & { isForced: boolean }) {
      const { environment, row } = await lookup.find(ctx.actor, input, name, "dynamic-secrets.manage");
      await repo.markDeleting(db, row.orgId, row.id, clock.now());
      const { remaining, unconfirmed } = await leases.revokeAllOf(ctx, row, { isForced: input.isForced });
      // Forced: only leases still being created may remain; their creator cleans up when it cannot activate them.
      const blocking = input.isForced ? [] : remaining;
      if (blocking.length > 0) {
        await repo.clearDeleting(db, row.orgId, row.id);
        const failed = blocking.find((l) => l.lastError);
        throw new AppError(
          409,
          "leases_not_revoked",
          `${blocking.length} lease${blocking.length === 1 ? "" : "s"} of "${row.name}" could not be revoked yet` +
            (failed ? ` (for example: ${failed.lastError})` : " (being created or revoked right now)") +
            ". Leasehold keeps retrying their cleanup. Delete again later, " +
            "or with isForced to delete the secret anyway, accepting that their IAM users may remain.",
          { details: { leaseIds: blocking.map((l) => l.id) } },
        );
      }
      await db.transaction(async (tx) => {
        await lookup.lock(tx, row.orgId, row.id);
        await repo.delete(tx, row.orgId, row.id);
        await record(tx, ctx, row, "dynamic-secret.delete", {
          environment: environment.slug,
          path: row.folderPath,
          isForced: input.isForced,
          ...(unconfirmed.length ? { unconfirmedUsernames: unconfirmed.map((l) => l.username) } : {}),
        });
      });
      return toDynamicSecretView(row, environment.slug, 0);
    },

    async get(ctx: RequestContext, name: string, loc: SecretLocation) {
      const { environment, row } = await lookup.find(ctx.actor, loc, name, "dynamic-secrets.read");
      return (await views([row], environment.slug))[0]!;
    },

    async list(ctx: RequestContext, loc: SecretLocation) {
      const { environment, path } = await lookup.location(ctx.actor, loc, "dynamic-secrets.read");
      return views(await repo.listAtLocation(db, ctx.actor.orgId, environment.id, path), environment.slug);
    },
  };
}
export type DynamicSecretsService = ReturnType<typeof createDynamicSecretsService>;
