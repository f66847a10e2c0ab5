import type { SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import type { RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { settleWithConcurrency } from "../../lib/bounded-concurrency.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { DynamicSecretAws } from "./dynamic-secret-aws.ts";
import type { DynamicSecretLookup } from "./dynamic-secret-lookup.ts";
import type { LeasesForDynamicSecrets } from "./leases/leases.service.ts";
import { listManagedIamUsers, type ManagedIamUser } from "./providers/aws-iam-user/iam-managed-users.ts";
import { cleanupIamUser } from "./providers/aws-iam-user/iam-user-cleanup.ts";
import { leaseAwsError } from "./providers/aws-iam-user/iam-user-errors.ts";

const DELETES_AT_ONCE = 5;

/**
 * The orphan check: IAM users under the secret's path that carry Leasehold's managed tag
 * but that no live lease accounts for (a lease force-revoked while AWS was down, a secret
 * force-deleted, a crash the recovery worker could not finish). Live leases of every
 * organisation count, so one tenant can never delete another's user in a shared account.
 */
export function createDynamicSecretOrphans(deps: {
  db: Db;
  lookup: DynamicSecretLookup;
  aws: DynamicSecretAws;
  leases: LeasesForDynamicSecrets;
  audit: AuditService;
}) {
  const { lookup, aws, leases, audit } = deps;

  async function find(ctx: RequestContext, name: string, loc: SecretLocation) {
    const { row } = await lookup.find(ctx.actor, loc, name, "dynamic-secrets.manage");
    const config = lookup.config(row);
    const { iam, caller } = await aws.iam(config, ctx).catch((error: unknown) => {
      throw leaseAwsError(error, "Leasehold's managing credentials");
    });
    let users: ManagedIamUser[];
    try {
      users = await listManagedIamUsers(iam, config.inputs.awsPath || "/");
    } catch (error) {
      throw leaseAwsError(error, caller);
    }
    const live = await leases.liveLeaseIds(
      users.map((u) => u.leaseId).filter((id): id is string => id !== null && /^[0-9a-f-]{36}$/i.test(id)),
    );
    return { row, iam, caller, orphans: users.filter((u) => !u.leaseId || !live.has(u.leaseId)) };
  }

  return {
    async list(ctx: RequestContext, name: string, loc: SecretLocation) {
      const { orphans } = await find(ctx, name, loc);
      return { orphans: orphans.map((o) => ({ ...o, createdAt: o.createdAt?.toISOString() ?? null })) };
    },

    /** Deletes the chosen users, each only if it is still an orphan right now. */
    async remove(ctx: RequestContext, name: string, input: SecretLocation & { usernames: string[] }) {
      const { row, iam, caller, orphans } = await find(ctx, name, input);
      const byName = new Map(orphans.map((o) => [o.username, o]));
      const failed: { username: string; message: string }[] = [];
      const targets = input.usernames.filter((username) => {
        if (byName.has(username)) return true;
        failed.push({
          username,
          message:
            "Not an orphan: it has a live lease, is not under this secret's path, or is not tagged as Leasehold's.",
        });
        return false;
      });
      const results = await settleWithConcurrency(targets, DELETES_AT_ONCE, (username) =>
        cleanupIamUser(iam, username, { leaseId: byName.get(username)!.leaseId ?? "", creationConfirmed: true }),
      );
      const deleted: string[] = [];
      results.forEach((r, i) => {
        if (r.status === "fulfilled") deleted.push(targets[i]!);
        else failed.push({ username: targets[i]!, message: leaseAwsError(r.reason, caller).message });
      });
      if (deleted.length > 0) {
        await deps.db.transaction((tx) =>
          audit.record(tx, ctx, {
            action: "dynamic-secret.orphans-delete",
            resourceType: "dynamic-secret",
            resourceId: row.id,
            projectId: row.projectId,
            metadata: { name: row.name, usernames: deleted },
          }),
        );
      }
      return { deleted, failed };
    },
  };
}
