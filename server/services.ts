import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "./context.ts";
import type { Database } from "./db/client.ts";
import type { Env } from "./env.ts";
import { type AwsClients, createAwsClients } from "./lib/aws/clients.ts";
import { createConnectionCredentialFactory } from "./lib/aws/connection-credentials.ts";
import type { Envelope } from "./lib/crypto/envelope.ts";
import type { Logger } from "./lib/logger.ts";
import { createMetrics, type Metrics } from "./lib/metrics/metrics.ts";
import { createRateLimiter } from "./lib/rate-limit.ts";
import { createAccess } from "./modules/access/access.ts";
import { createAppConnectionsRepo } from "./modules/app-connections/app-connections.repo.ts";
import { createAppConnectionsService } from "./modules/app-connections/app-connections.service.ts";
import type { ConnectionUsage } from "./modules/app-connections/connection-usage.ts";
import { createAuditRepo } from "./modules/audit/audit.repo.ts";
import { createAuditService } from "./modules/audit/audit.service.ts";
import { createDynamicSecretsRepo } from "./modules/dynamic-secrets/dynamic-secrets.repo.ts";
import {
  createDynamicSecretConnectionUsage,
  createDynamicSecretServices,
} from "./modules/dynamic-secrets/dynamic-secrets-wiring.ts";
import { createLeaseHealthRepo } from "./modules/dynamic-secrets/leases/lease-health.repo.ts";
import { createLeaseHealthService } from "./modules/dynamic-secrets/leases/lease-health.service.ts";
import type { DynamicSecretProvider } from "./modules/dynamic-secrets/providers/provider.ts";
import { createMachineIdentityServices } from "./modules/identities/identities-wiring.ts";
import { createAuthService } from "./modules/people/auth.service.ts";
import { createMembersService } from "./modules/people/members.service.ts";
import { createPeopleRepo } from "./modules/people/people.repo.ts";
import { createProjectOverviewRepo } from "./modules/projects/project-overview.repo.ts";
import { createProjectOverviewService } from "./modules/projects/project-overview.service.ts";
import { createProjectsRepo } from "./modules/projects/projects.repo.ts";
import { createProjectsService } from "./modules/projects/projects.service.ts";

/** What every service may depend on. Time and randomness are injected so rules are testable. */
export interface CoreDeps {
  env: Env;
  database: Database;
  envelope: Envelope;
  logger: Logger;
  clock: Clock;
  randomId: () => string;
  aws: AwsClients;
  metrics: Metrics;
}

export function createCoreDeps(
  input: Omit<CoreDeps, "clock" | "randomId" | "aws" | "metrics"> &
    Partial<Pick<CoreDeps, "clock" | "randomId" | "aws" | "metrics">>,
): CoreDeps {
  const metrics = input.metrics ?? createMetrics();
  return {
    clock: systemClock,
    randomId: randomUUID,
    ...input,
    metrics,
    aws: input.aws ?? createAwsClients(input.env, metrics),
  };
}

/** What a test may swap in: dynamic-secret providers (a fake proves the lease machinery knows none). */
export interface ServiceOverrides {
  providers?: DynamicSecretProvider[];
}

/** Wires every module's repo and service. The only place that knows them all. */
export function createServices(core: CoreDeps, overrides: ServiceOverrides = {}) {
  const db = core.database.db;
  const { clock, randomId } = core;
  const access = createAccess();
  const audit = createAuditService({ db, repo: createAuditRepo(), access, clock, randomId });
  const peopleRepo = createPeopleRepo();
  const projects = createProjectsService({
    db,
    repo: createProjectsRepo(),
    access,
    audit,
    clock,
    randomId,
    isOrgMember: async (tx, orgId, userId) => (await peopleRepo.findMembershipOfUser(tx, orgId, userId)) !== null,
  });
  const projectOverview = createProjectOverviewService({ db, repo: createProjectOverviewRepo(), projects });
  const auth = createAuthService({
    db,
    repo: peopleRepo,
    audit,
    projects,
    clock,
    randomId,
    sessionPolicy: {
      idleSeconds: core.env.LEASEHOLD_SESSION_IDLE_TTL,
      absoluteSeconds: core.env.LEASEHOLD_SESSION_ABSOLUTE_TTL,
    },
    loginLimits: {
      perIp: createRateLimiter({ max: 30, windowSeconds: 15 * 60, clock }),
      perEmail: createRateLimiter({ max: 10, windowSeconds: 15 * 60, clock }),
    },
  });
  const members = createMembersService({ db, repo: peopleRepo, access, audit, projects, clock, randomId });

  // Leasehold's own AWS principal: App Connections assume roles with it, AWS Auth resolves unique IDs with it.
  const connectionFactory = createConnectionCredentialFactory({ aws: core.aws, env: core.env, clock });
  // Deleting a connection is refused while dynamic secrets name it.
  const dynamicSecretsRepo = createDynamicSecretsRepo();
  const connectionUsage: ConnectionUsage = createDynamicSecretConnectionUsage(db, dynamicSecretsRepo);
  const appConnections = createAppConnectionsService({
    db,
    repo: createAppConnectionsRepo(),
    access,
    projects,
    audit,
    envelope: core.envelope,
    clock,
    randomId,
    factory: connectionFactory,
    usage: connectionUsage,
  });

  const machineIdentities = createMachineIdentityServices({
    core,
    access,
    audit,
    projects,
    peopleRepo,
    serverCredentials: connectionFactory.serverCredentials,
  });

  const dynamicSecretServices = createDynamicSecretServices({
    core,
    repo: dynamicSecretsRepo,
    audit,
    projects,
    connections: () => appConnections,
    ...(overrides.providers ? { providers: overrides.providers } : {}),
  });

  const leaseHealth = createLeaseHealthService({
    db,
    repo: createLeaseHealthRepo(),
    access,
    clock,
    metrics: core.metrics,
  });

  return {
    access,
    audit,
    leaseHealth,
    projects,
    projectOverview,
    auth,
    members,
    peopleRepo,
    appConnections,
    ...machineIdentities,
    ...dynamicSecretServices,
  };
}
export type Services = ReturnType<typeof createServices>;
