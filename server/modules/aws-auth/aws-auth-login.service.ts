import { createHash } from "node:crypto";
import { uniqueIdOf } from "#shared/arn.ts";
import type { AwsAuthLoginInput } from "#shared/schemas/aws-auth.ts";
import type { AccessTokenResponse } from "#shared/schemas/tokens.ts";
import type { Actor, Clock } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import type { ForwardOptions } from "../../lib/aws/sts-login/forward.ts";
import { parseSignedStsRequest } from "../../lib/aws/sts-login/signed-request.ts";
import { MAX_SIGNATURE_AGE_MS, verifyCallerIdentity } from "../../lib/aws/sts-login/verify-caller.ts";
import { AppError, forbidden, unauthorized } from "../../lib/http/errors.ts";
import type { Metrics } from "../../lib/metrics/metrics.ts";
import type { RateLimiter } from "../../lib/rate-limit.ts";
import type { AuditEvent, AuditService } from "../audit/audit.service.ts";
import { isTrustedAddress, type RequestMeta, type TokensService } from "../tokens/tokens.service.ts";
import type { AwsAuthRepo } from "./aws-auth.repo.ts";
import { checkBindings } from "./principal-bindings.ts";
import { checkCallerAllowed } from "./principal-rules.ts";
import type { ServerIdSource } from "./server-id.ts";
import type { UsedSignaturesRepo } from "./used-signatures.repo.ts";

// One message for an unknown identity and one without AWS Auth, so neither can be probed.
const NO_SUCH_LOGIN = "No identity with this ID can log in with AWS Auth";

/**
 * A used signature is kept this long past its X-Amz-Date: the 15-minute freshness window,
 * plus a margin for instances whose clocks disagree by a few minutes.
 */
const USED_SIGNATURE_RETENTION_MS = MAX_SIGNATURE_AGE_MS + 5 * 60 * 1000;

const replayed = () =>
  unauthorized("This signed request was already used to log in: sign a new one for every login", "request_replayed");

export interface LoginRateLimits {
  perIp: RateLimiter;
  perIdentity: RateLimiter;
}

/** Requests per minute before a 429: generous for fleets behind one NAT, tight enough to stop a flood of STS calls. */
export const DEFAULT_LOGIN_LIMITS = { perIpPerMinute: 300, perIdentityPerMinute: 1200 };

function enforce(limiter: RateLimiter, key: string, what: string) {
  const { allowed, retryAfterSeconds } = limiter.hit(key);
  if (!allowed) {
    throw new AppError(429, "rate_limited", `Too many AWS Auth logins ${what}. Try again in ${retryAfterSeconds} s.`, {
      details: { retryAfterSeconds },
    });
  }
}

/**
 * POST /auth/aws-auth/login: decode and check the signed GetCallerIdentity (400s before
 * any network call), find the identity, check the source address, let STS say who
 * signed, check that principal, then issue a token.
 */
export function createAwsAuthLoginService(deps: {
  db: Db;
  repo: Pick<AwsAuthRepo, "findForLogin" | "learnBindings">;
  usedSignatures: UsedSignaturesRepo;
  tokens: Pick<TokensService, "issue" | "issueWith">;
  audit: AuditService;
  serverId: ServerIdSource;
  clock: Clock;
  limits: LoginRateLimits;
  /** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL. */
  endpointOverride: string | undefined;
  forward?: ForwardOptions;
  metrics?: Pick<Metrics, "logins" | "awsCalls" | "awsCallSeconds">;
}) {
  const { db, clock, metrics } = deps;
  const observeSts = (outcome: string, seconds: number) => {
    metrics?.awsCalls.inc({ service: "sts", operation: "GetCallerIdentity (login)", outcome });
    metrics?.awsCallSeconds.observe({ service: "sts", operation: "GetCallerIdentity (login)" }, seconds);
  };

  const service = {
    /** One login, counted by outcome and reason code (codes are constants, so the label is bounded). */
    async login(
      input: AwsAuthLoginInput,
      meta: RequestMeta,
    ): Promise<{ response: AccessTokenResponse; principalArn: string }> {
      try {
        const result = await service.attempt(input, meta);
        metrics?.logins.inc({ method: "aws-auth", outcome: "success", reason: "ok" });
        return result;
      } catch (error) {
        const known = error instanceof AppError;
        metrics?.logins.inc({
          method: "aws-auth",
          outcome: known && error.status < 500 ? "refused" : "error",
          reason: known ? error.code : "internal",
        });
        throw error;
      }
    },

    async attempt(
      input: AwsAuthLoginInput,
      meta: RequestMeta,
    ): Promise<{ response: AccessTokenResponse; principalArn: string }> {
      enforce(deps.limits.perIp, meta.ip, "from this address");
      const request = parseSignedStsRequest(input);
      enforce(deps.limits.perIdentity, input.identityId, "for this identity");

      // One-time signatures: a replay is refused here without a call to STS; the login statement
      // below is what decides when two copies arrive at once.
      // The key ID goes in too: the signature commits to the secret key, not to the key ID, so two
      // principals that share a secret would otherwise burn each other's signatures.
      const signatureHash = createHash("sha256")
        .update(`${request.credential.accessKeyId}\n${request.signature}`)
        .digest("hex");
      const found = await deps.repo.findForLogin(db, input.identityId, signatureHash);
      if (!found) throw unauthorized(NO_SUCH_LOGIN, "unknown_identity");
      const { identity, awsAuth } = found;
      if (found.signatureUsed) throw replayed();
      if (!isTrustedAddress(meta.ip, awsAuth.accessTokenTrustedIps)) {
        throw forbidden(
          `Logins for this identity are not allowed from ${meta.ip}: the address is not among its trusted IPs`,
          "ip_not_trusted",
        );
      }

      const caller = await verifyCallerIdentity(request, {
        stsEndpoint: awsAuth.stsEndpoint,
        requiredServerId: awsAuth.serverIdHeader ? await deps.serverId.get() : null,
        now: clock.now(),
        endpointOverride: deps.endpointOverride,
        observe: observeSts,
        ...(deps.forward ? { forward: deps.forward } : {}),
      });
      checkCallerAllowed(caller, awsAuth);
      const learn = checkBindings(caller, awsAuth.allowedPrincipalArns, awsAuth.principalBindings);

      const signature = {
        signatureHash,
        signedAt: request.signedAt,
        keepUntil: new Date(request.signedAt.getTime() + USED_SIGNATURE_RETENTION_MS),
      };
      const token = {
        identity: { id: identity.id, orgId: identity.orgId, name: identity.name, role: identity.role },
        authMethod: "aws-auth" as const,
        ttl: awsAuth.accessTokenTTL,
        maxTtl: awsAuth.accessTokenMaxTTL,
        numUsesLimit: awsAuth.accessTokenNumUsesLimit,
        principalArn: caller.arn,
        sourceIp: meta.ip,
      };
      const loginEvent = (actor: Actor): AuditEvent => ({
        action: "identity.login",
        resourceType: "identity",
        resourceId: identity.id,
        metadata: {
          authMethod: "aws-auth",
          principalArn: caller.arn,
          account: caller.account,
          tokenId: actor.type === "identity" ? actor.tokenId : null,
        },
      });

      if (learn.length === 0) {
        // The usual login: the signature's first use, the token and its audit record in one
        // statement (docs/decisions/0912-lease-and-login-time.md).
        let issued: { response: AccessTokenResponse } | undefined;
        const first = await deps.usedSignatures.recordThen(db, signature, (firstUse) => {
          const { cte, response, actor } = deps.tokens.issueWith(db, token, firstUse);
          issued = { response };
          return [cte, deps.audit.recordWith(db, { actor, ...meta }, loginEvent(actor), firstUse)];
        });
        if (!first || !issued) throw replayed();
        return { response: issued.response, principalArn: caller.arn };
      }

      // A first login that binds principals to their unique IDs: one transaction.
      return db.transaction(async (tx) => {
        if (!(await deps.usedSignatures.record(tx, signature))) throw replayed();
        const binding = {
          uniqueId: uniqueIdOf(caller.userId),
          how: "first-login" as const,
          boundAt: clock.now().toISOString(),
        };
        await deps.repo.learnBindings(tx, awsAuth.id, Object.fromEntries(learn.map((arn) => [arn, binding])));
        const { response, actor } = await deps.tokens.issue(tx, token);
        await deps.audit.record(tx, { actor, ...meta }, loginEvent(actor));
        return { response, principalArn: caller.arn };
      });
    },

    /** Housekeeping for the purge worker: forgets signatures the freshness check now refuses anyway. */
    purgeUsedSignatures: () => deps.usedSignatures.purgeBefore(db, clock.now()),
  };
  return service;
}
export type AwsAuthLoginService = ReturnType<typeof createAwsAuthLoginService>;
