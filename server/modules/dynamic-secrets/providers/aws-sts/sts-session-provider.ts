import {
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  type IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { parseIamPrincipalArn, splitCommaList } from "#shared/arn.ts";
import { formatDurationForApi } from "#shared/durations.ts";
import { STS_LIMITS } from "#shared/schemas/dynamic-secrets.ts";
import type { Clock } from "../../../../context.ts";
import { awsErrorCode, classifyAwsError, translateAwsError } from "../../../../lib/aws/translate-error.ts";
import { AppError, fieldError } from "../../../../lib/http/errors.ts";
import type { Logger } from "../../../../lib/logger.ts";
import type { DynamicSecretAws, LeaseSessionParams } from "../../dynamic-secret-aws.ts";
import type { DynamicSecretConfig } from "../../dynamic-secret-config.ts";
import type { LeaseRow } from "../../leases/leases.repo.ts";
import {
  asLeaseStatus,
  type DynamicSecretProvider,
  type IssuedCredentials,
  ProviderFailure,
  type RevokeRequest,
} from "../provider.ts";
import {
  type DenyTarget,
  deniedUserIds,
  denyTargetKey,
  INLINE_POLICY_LIMITS,
  parseDenyTarget,
  REVOKED_SESSIONS_POLICY,
  revokedSessionsPolicy,
} from "./revoked-sessions-policy.ts";

/** The sessions a target must deny now: revoked (or being revoked) leases that have not expired yet. */
export type DeniedSessions = (targetKey: string, now: Date) => Promise<string[]>;

const STS_NAME_CHARS = /[^\w+=,.@-]/g;
/** AWS's rule for RoleSessionName, SourceIdentity and federated user names: [\w+=,.@-], at least 2 characters. */
export function stsName(value: string, max: number): string {
  const cleaned = value.replace(STS_NAME_CHARS, "-").replace(/^aws:/i, "").slice(0, max);
  return cleaned.length >= 2 ? cleaned : `${cleaned}--`.slice(0, 2);
}

/** What an assumed-role lease adds to AssumeRole; Test configuration sends the same in its trial session. */
export function leaseSessionParams(config: Pick<DynamicSecretConfig, "inputs">, requester: string): LeaseSessionParams {
  const { sessionPolicy, sessionTags } = config.inputs;
  return {
    SourceIdentity: stsName(requester, 64),
    ...(sessionPolicy?.trim() ? { Policy: sessionPolicy } : {}),
    ...(sessionTags?.length ? { Tags: sessionTags.map((t) => ({ Key: t.key, Value: t.value })) } : {}),
  };
}

const when = (date: Date) => date.toISOString();
const notRevocableAtAws = (expireAt: Date) =>
  "AWS cannot revoke GetSessionToken credentials: revoking this lease ends it in Leasehold, " +
  `but the credentials stay valid until ${when(expireAt)}.`;

/**
 * `credentialType: "temporary-credentials"` (API.md): each lease is an STS session, created in one AWS call
 * (AssumeRole, GetFederationToken or GetSessionToken) and revoked by naming its `aws:userid` in a deny
 * policy (revoked-sessions-policy.ts). Sessions cannot be extended, so renew is refused.
 */
export function createStsSessionProvider(deps: {
  aws: DynamicSecretAws;
  deniedSessions: DeniedSessions;
  clock: Clock;
  logger: Logger;
}): DynamicSecretProvider {
  const { aws, clock, logger } = deps;
  const writes = new Map<string, Promise<unknown>>();

  /** AWS refuses a duration it does not allow (role chaining, the role's MaxSessionDuration): the fix is the TTL. */
  function durationRefusal(error: unknown, ttlSeconds: number): AppError | null {
    const message = error instanceof Error ? error.message : "";
    if (!/DurationSeconds|MaxSessionDuration/.test(message)) return null;
    return fieldError(
      ["ttl"],
      `AWS refused a session of ${formatDurationForApi(ttlSeconds)}: ${message} ` +
        "Choose a shorter TTL, or raise the role's maximum session duration.",
      "ttl_above_session_limit",
    );
  }

  async function issue(
    config: DynamicSecretConfig,
    lease: LeaseRow,
    ttl: number,
    requester: string,
    ctx: Parameters<DynamicSecretAws["sessionBase"]>[1],
  ): Promise<IssuedCredentials> {
    const base = await aws.sessionBase(config, ctx);
    if (base.kind === "assume-role") {
      if (base.chained && ttl > STS_LIMITS.roleChainingMaxSeconds)
        throw fieldError(
          ["ttl"],
          `The TTL (${formatDurationForApi(ttl)}) is longer than 1 hour, ` +
            "the most AWS allows when a role session assumes a role (role chaining): " +
            `${base.caller} signs with a role session. Choose a TTL of 1h or less.`,
          "ttl_above_session_limit",
        );
      const session = await base
        .assume({
          sessionName: stsName(lease.username, STS_LIMITS.sessionNameMax),
          durationSeconds: ttl,
          extra: leaseSessionParams(config, requester),
        })
        .catch((error: unknown) => {
          throw durationRefusal(error, ttl) ?? error;
        });
      const c = session.credentials;
      return {
        data: { ACCESS_KEY: c.accessKeyId, SECRET_ACCESS_KEY: c.secretAccessKey, SESSION_TOKEN: c.sessionToken },
        externalEntityId: session.assumedRoleId,
        cleanup: {
          kind: "sts-role-session",
          denyAt: denyTargetKey({ kind: "role", name: roleNameOf(base.roleArn) }),
          userId: session.assumedRoleId,
        },
        expireAt: c.expiration,
      };
    }

    const { sessionPolicy, policyArns } = config.inputs;
    const arns = splitCommaList(policyArns);
    try {
      if (sessionPolicy?.trim() || arns.length > 0) {
        // Federation tokens carry a policy; the deny goes on the base user, whose name the caller identity gives.
        const [token, caller] = await Promise.all([
          base.sts.send(
            new GetFederationTokenCommand({
              Name: stsName(lease.username, 32),
              DurationSeconds: ttl,
              ...(sessionPolicy?.trim() ? { Policy: sessionPolicy } : {}),
              ...(arns.length ? { PolicyArns: arns.map((arn) => ({ arn })) } : {}),
              ...(config.inputs.sessionTags?.length
                ? { Tags: config.inputs.sessionTags.map((t) => ({ Key: t.key, Value: t.value })) }
                : {}),
            }),
          ),
          base.sts.send(new GetCallerIdentityCommand({})),
        ]);
        const c = token.Credentials;
        const user = parseIamPrincipalArn(caller.Arn ?? "");
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
          throw new Error("GetFederationToken answered without credentials");
        const userId = token.FederatedUser?.FederatedUserId ?? "";
        return {
          data: { ACCESS_KEY: c.AccessKeyId, SECRET_ACCESS_KEY: c.SecretAccessKey, SESSION_TOKEN: c.SessionToken },
          externalEntityId: userId,
          cleanup:
            user?.kind === "user"
              ? { kind: "sts-federated-user", denyAt: denyTargetKey({ kind: "user", name: user.name }), userId }
              : { kind: "sts-federated-user", denyAt: null, userId },
          expireAt: c.Expiration,
        };
      }
      const token = await base.sts.send(new GetSessionTokenCommand({ DurationSeconds: ttl }));
      const c = token.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
        throw new Error("GetSessionToken answered without credentials");
      return {
        data: { ACCESS_KEY: c.AccessKeyId, SECRET_ACCESS_KEY: c.SecretAccessKey, SESSION_TOKEN: c.SessionToken },
        externalEntityId: c.AccessKeyId,
        cleanup: { kind: "sts-session-token" },
        expireAt: c.Expiration,
        statusDetails: notRevocableAtAws(c.Expiration),
      };
    } catch (error) {
      const action = sessionPolicy?.trim() || arns.length ? "sts:GetFederationToken" : "sts:GetSessionToken";
      throw durationRefusal(error, ttl) ?? translateAwsError(error, { action, caller: base.caller });
    }
  }

  /** Renders the target's deny list from the lease rows and writes it; again if it changed meanwhile. */
  async function writeDenyList(iam: IAMClient, target: DenyTarget, key: string) {
    let written: string[] | null = null;
    for (let round = 0; round < 3; round++) {
      const ids = (await deps.deniedSessions(key, clock.now())).sort();
      if (written && ids.join() === written.join()) return;
      const document = revokedSessionsPolicy(ids);
      const limit = INLINE_POLICY_LIMITS[target.kind];
      if (document.length > limit)
        throw new AppError(
          409,
          "revoked_sessions_policy_full",
          `The ${REVOKED_SESSIONS_POLICY} policy on the ${target.kind} ${target.name} ` +
            `would have ${document.length} characters with ${ids.length} revoked sessions; IAM allows ${limit}. ` +
            "Entries leave it when their sessions expire: " +
            "shorten the dynamic secret's TTLs, or spread leases over more roles.",
        );
      await putDenyPolicy(iam, target, ids.length ? document : null);
      written = ids;
    }
  }

  async function putDenyPolicy(iam: IAMClient, target: DenyTarget, document: string | null) {
    const name = { PolicyName: REVOKED_SESSIONS_POLICY };
    try {
      if (target.kind === "role" && document)
        await iam.send(new PutRolePolicyCommand({ ...name, RoleName: target.name, PolicyDocument: document }));
      else if (target.kind === "role") await iam.send(new DeleteRolePolicyCommand({ ...name, RoleName: target.name }));
      else if (document)
        await iam.send(new PutUserPolicyCommand({ ...name, UserName: target.name, PolicyDocument: document }));
      else await iam.send(new DeleteUserPolicyCommand({ ...name, UserName: target.name }));
    } catch (error) {
      if (!document && awsErrorCode(error) === "NoSuchEntity") return;
      throw error;
    }
  }

  /** One write per target at a time in this instance; rendering from the rows covers the others. */
  function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = writes.get(key) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    writes.set(key, next);
    void next.finally(() => writes.get(key) === next && writes.delete(key)).catch(() => {});
    return next;
  }

  /** After a natural expiry: drop expired entries, if the policy exists and holds any. Never fails the expiry. */
  async function prune(request: RevokeRequest, target: DenyTarget, key: string) {
    const { config, lease, ctx } = request;
    try {
      const { iam } = await aws.iam(config, ctx);
      const read =
        target.kind === "role"
          ? iam.send(new GetRolePolicyCommand({ RoleName: target.name, PolicyName: REVOKED_SESSIONS_POLICY }))
          : iam.send(new GetUserPolicyCommand({ UserName: target.name, PolicyName: REVOKED_SESSIONS_POLICY }));
      const current = await read.catch((error: unknown) => {
        if (awsErrorCode(error) === "NoSuchEntity") return null;
        throw error;
      });
      if (!current) return;
      const live = new Set(await deps.deniedSessions(key, clock.now()));
      if (deniedUserIds(current.PolicyDocument).some((id) => !live.has(id)))
        await serialized(key, () => writeDenyList(iam, target, key));
    } catch (error) {
      logger.warn(
        { err: error, leaseId: lease.id },
        "pruning the revoked-sessions policy failed; the next revoke does it",
      );
    }
  }

  return {
    credentialType: "temporary-credentials",
    minTtlSeconds: STS_LIMITS.minSeconds,
    renewRefusal: "cannot be renewed: its temporary AWS credentials cannot be extended. Create a new lease instead.",

    async create({ config, lease, ttlSeconds, requester, ctx }) {
      try {
        return await issue(config, lease, ttlSeconds, requester, ctx);
      } catch (error) {
        if (error instanceof AppError) throw new ProviderFailure(asLeaseStatus(error), false);
        throw new ProviderFailure(
          new AppError(502, "aws_unexpected", `AWS answered in a way Leasehold did not expect: ${String(error)}`),
          false,
        );
      }
    },

    async revoke(request) {
      const { config, lease, reason, actorName, ctx } = request;
      const cleanup = lease.cleanup;
      if (!cleanup) {
        return {
          outcome: "never-issued",
          sentence: `The credentials were never handed out; AWS ends them at ${when(lease.expireAt)} at the latest.`,
        };
      }
      const key = typeof cleanup.denyAt === "string" ? cleanup.denyAt : null;
      const target = key ? parseDenyTarget(key) : null;
      if (reason === "expiry") {
        if (target && key) await prune(request, target, key);
        return { outcome: "expired-at-aws", sentence: `The credentials expired at AWS at ${when(lease.expireAt)}.` };
      }
      if (cleanup.kind === "sts-session-token" || !target || !key)
        return {
          outcome: "not-revocable",
          sentence: `Revoked in Leasehold only. ${notRevocableAtAws(lease.expireAt)}`,
        };
      let caller = "Leasehold's managing credentials";
      try {
        const managing = await aws.iam(config, ctx);
        caller = managing.caller;
        await serialized(key, () => writeDenyList(managing.iam, target, key));
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (classifyAwsError(error) === "access-denied") {
          return {
            outcome: "not-enforceable",
            sentence:
              `Revoked in Leasehold, but not enforceable at AWS: ${caller} ` +
              `may not write the inline policy ${REVOKED_SESSIONS_POLICY} ` +
              `on the ${target.kind} ${target.name} (iam:PutRolePolicy / iam:PutUserPolicy), ` +
              `so the credentials stay valid until ${when(lease.expireAt)}.`,
          };
        }
        throw asLeaseStatus(
          translateAwsError(error, {
            action: target.kind === "role" ? "iam:PutRolePolicy" : "iam:PutUserPolicy",
            resource: target.name,
            caller,
          }),
        );
      }
      return {
        outcome: "denied",
        sentence:
          `Denied at AWS: ${actorName} added the session ${cleanup.userId} to the ${REVOKED_SESSIONS_POLICY} policy ` +
          `on the ${target.kind} ${target.name}, so AWS refuses its requests from now on.`,
      };
    },

    words: {
      entity: "session",
      nothingCreated: "No credentials were issued.",
      nameInUse: (name) =>
        `A live lease of this dynamic secret already uses the session name "${name}". ` +
        "Make the username template unique, e.g. with {{random 8}}.",
      cancelled: "The lease was cancelled while AWS was issuing its credentials; they have been revoked. Try again.",
      mayRemain: (lease) =>
        `The credentials may stay valid at AWS until ${when(lease.expireAt)}: ` +
        `check the role's ${REVOKED_SESSIONS_POLICY} policy.`,
    },
  };
}

/** The role name of a role ARN (the last segment: paths come before it). */
export const roleNameOf = (roleArn: string) => roleArn.slice(roleArn.lastIndexOf("/") + 1);
