import type { AwsCredentialIdentity } from "@smithy/types";
import { createRateLimiter } from "../../lib/rate-limit.ts";
import type { CoreDeps } from "../../services.ts";
import type { Access } from "../access/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { createAwsAuthRepo } from "../aws-auth/aws-auth.repo.ts";
import { createAwsAuthService } from "../aws-auth/aws-auth.service.ts";
import { createAwsAuthLoginService, DEFAULT_LOGIN_LIMITS } from "../aws-auth/aws-auth-login.service.ts";
import { createPrincipalResolver } from "../aws-auth/principal-bindings.ts";
import { createServerIdSource } from "../aws-auth/server-id.ts";
import { createUsedSignaturesRepo } from "../aws-auth/used-signatures.repo.ts";
import type { PeopleRepo } from "../people/people.repo.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import { createTokensRepo } from "../tokens/tokens.repo.ts";
import { createTokensService } from "../tokens/tokens.service.ts";
import { createIdentitiesRepo } from "./identities.repo.ts";
import { createIdentitiesService } from "./identities.service.ts";
import { createIdentityMembershipsService } from "./identity-memberships.service.ts";

/**
 * Machine identities, their AWS Auth and their tokens, wired once for createServices.
 * `loginLimits` exists for the login benchmark, which must not be throttled.
 */
export function createMachineIdentityServices(input: {
  core: CoreDeps;
  access: Access;
  audit: AuditService;
  projects: ProjectsService;
  peopleRepo: Pick<PeopleRepo, "putSettingOnce">;
  /** Leasehold's own AWS principal (undefined: the SDK's default chain), for unique-ID binding. */
  serverCredentials: () => AwsCredentialIdentity | undefined;
  loginLimits?: { perIpPerMinute: number; perIdentityPerMinute: number };
}) {
  const { core, access, audit, projects } = input;
  const db = core.database.db;
  const { clock, randomId } = core;
  const identitiesRepo = createIdentitiesRepo();
  const tokens = createTokensService({
    db,
    repo: createTokensRepo(),
    access,
    audit,
    clock,
    randomId,
    identityExists: identitiesRepo.exists,
  });
  const identities = createIdentitiesService({ db, repo: identitiesRepo, access, audit, tokens, clock, randomId });
  const identityMemberships = createIdentityMembershipsService({ db, identities, projects, audit });
  const serverId = createServerIdSource({
    configured: core.env.LEASEHOLD_SERVER_ID,
    storeOnce: (key, value) => input.peopleRepo.putSettingOnce(db, key, value),
  });
  const awsAuthRepo = createAwsAuthRepo();
  const resolvePrincipals = createPrincipalResolver({
    aws: core.aws,
    credentials: input.serverCredentials,
    clock,
    logger: core.logger,
  });
  const awsAuth = createAwsAuthService({
    db,
    repo: awsAuthRepo,
    identities,
    tokens,
    audit,
    serverId,
    clock,
    randomId,
    resolvePrincipals,
  });
  const limits = input.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const awsAuthLogin = createAwsAuthLoginService({
    db,
    repo: awsAuthRepo,
    usedSignatures: createUsedSignaturesRepo(),
    tokens,
    audit,
    serverId,
    clock,
    limits: {
      perIp: createRateLimiter({ max: limits.perIpPerMinute, windowSeconds: 60, clock }),
      perIdentity: createRateLimiter({ max: limits.perIdentityPerMinute, windowSeconds: 60, clock }),
    },
    endpointOverride: core.aws.endpoints.sts(),
    metrics: core.metrics,
  });
  return { identities, identityMemberships, awsAuth, awsAuthLogin, tokens, serverId };
}
