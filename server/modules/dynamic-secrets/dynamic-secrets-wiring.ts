import type { Db } from "../../db/client.ts";
import type { ConnectionCredentialSource } from "../../lib/aws/connection-credentials.ts";
import type { CoreDeps } from "../../services.ts";
import type { ConnectionUsage } from "../app-connections/connection-usage.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import { createDynamicSecretAws } from "./dynamic-secret-aws.ts";
import { createDynamicSecretChecks } from "./dynamic-secret-checks.ts";
import { createDynamicSecretLookup } from "./dynamic-secret-lookup.ts";
import { createDynamicSecretOrphans } from "./dynamic-secret-orphans.ts";
import type { DynamicSecretsRepo } from "./dynamic-secrets.repo.ts";
import { createDynamicSecretsService } from "./dynamic-secrets.service.ts";
import { createLeasesRepo } from "./leases/leases.repo.ts";
import { createLeasesService } from "./leases/leases.service.ts";
import { createIamUserProvider } from "./providers/aws-iam-user/iam-user-provider.ts";
import { createStsSessionProvider } from "./providers/aws-sts/sts-session-provider.ts";
import { type DynamicSecretProvider, providerRegistry } from "./providers/provider.ts";

/** Dynamic secrets and their leases, wired together (services.ts calls this once). */
export function createDynamicSecretServices(deps: {
  core: CoreDeps;
  repo: DynamicSecretsRepo;
  audit: AuditService;
  projects: ProjectsService;
  /** The App Connections credential factory (API.md: `appConnectionId` as the credential source). */
  connections: () => ConnectionCredentialSource | null;
  /** Providers that replace the built-in one of their credential type (tests). */
  providers?: DynamicSecretProvider[];
}) {
  const { core, repo, audit, projects, connections } = deps;
  const { env, clock, randomId, logger, envelope } = core;
  const db = core.database.db;
  const lookup = createDynamicSecretLookup({ db, repo, projects, envelope });
  const aws = createDynamicSecretAws({ aws: core.aws, env, connections, clock });
  const leasesRepo = createLeasesRepo();
  const providers = providerRegistry([
    createIamUserProvider(aws),
    createStsSessionProvider({
      aws,
      deniedSessions: (denyAt, now) => leasesRepo.deniedSessions(db, denyAt, now),
      clock,
      logger,
    }),
    ...(deps.providers ?? []),
  ]);
  const leases = createLeasesService({
    db,
    repo: leasesRepo,
    lookup,
    providers,
    audit,
    clock,
    randomId,
    logger,
    metrics: core.metrics,
    quotaPerSecret: env.LEASEHOLD_LEASE_QUOTA,
    recoveryAfterSeconds: env.LEASEHOLD_LEASE_RECOVERY_AFTER,
  });
  return {
    leases,
    dynamicSecrets: createDynamicSecretsService({
      db,
      repo,
      lookup,
      leases: leases.forDynamicSecrets,
      audit,
      envelope,
      env,
      connections,
      clock,
      randomId,
    }),
    dynamicSecretChecks: createDynamicSecretChecks({ lookup, aws, clock, randomId }),
    dynamicSecretOrphans: createDynamicSecretOrphans({ db, lookup, aws, leases: leases.forDynamicSecrets, audit }),
  };
}

/** The App Connections module asks this before deleting a connection: the dynamic secrets that name it. */
export function createDynamicSecretConnectionUsage(db: Db, repo: DynamicSecretsRepo): ConnectionUsage {
  return {
    findUsers: async (orgId, connectionId, tx) =>
      (await repo.listUsingConnection(tx ?? db, orgId, connectionId)).map((s) => ({
        type: "dynamic-secret",
        id: s.id,
        name: s.name,
        projectId: s.projectId,
      })),
  };
}
