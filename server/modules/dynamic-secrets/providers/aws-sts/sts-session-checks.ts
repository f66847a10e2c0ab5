import { GetRoleCommand, type GetRoleCommandOutput } from "@aws-sdk/client-iam";
import { parseIamPrincipalArn } from "#shared/arn.ts";
import { formatDurationForApi } from "#shared/durations.ts";
import {
  effectiveStage,
  isSimulated,
  type LeaseActionInput,
  type LeaseActionTarget,
  STS_SESSION_LEASE_ACTIONS,
} from "#shared/lease-lifecycle-actions.ts";
import { type ConfigCheck, STS_LIMITS } from "#shared/schemas/dynamic-secrets.ts";
import { AppError } from "../../../../lib/http/errors.ts";
import type { AwsContext, CredentialSourceConfig, DynamicSecretAws, SessionBase } from "../../dynamic-secret-aws.ts";
import type { SimulatedAction, SimulationPlan } from "../../dynamic-secret-checks-permissions.ts";
import { awsProblem, type CheckRun, inputField, listInWords, makeCheck } from "../../dynamic-secret-checks-run.ts";
import { leaseSessionParams, roleNameOf, stsName } from "./sts-session-provider.ts";

/**
 * Test configuration for temporary credentials. A role's sessions: its MaxSessionDuration against the max TTL,
 * and one real 15-minute AssumeRole sent exactly as Generate sends it (External ID, SourceIdentity, session
 * tags and policy), because only STS weighs the trust policy (sts:SetSourceIdentity, sts:TagSession) and the
 * session policy's packed size. The session is discarded at once; nothing is created in IAM (decision 1280).
 * Federation tokens: what the simulator should weigh. Session tokens: that AWS cannot revoke them.
 */

export interface StsSessionCheckResult {
  /** Where leases come from: a role's sessions, or a key's tokens (null when that could not be told). */
  kind: SessionBase["kind"] | null;
  checks: ConfigCheck[];
  plans: SimulationPlan[];
  /** The role the managing credentials are a session of, path included, when known. */
  roleArn?: string;
}

const SESSION = { step: "session" as const };

function needed(target: LeaseActionTarget, uses: ReadonlySet<LeaseActionInput>): SimulatedAction[] {
  return STS_SESSION_LEASE_ACTIONS.filter((a) => a.target === target && isSimulated(a)).flatMap((a) => {
    const stage = effectiveStage(a, uses);
    return stage ? [{ action: a.action, stage, purpose: a.purpose }] : [];
  });
}

/** iam:GetRole: the role's MaxSessionDuration against the max TTL (AWS refuses longer sessions). */
async function roleLimitCheck(run: CheckRun, roleArn: string, maxTtl: number | null): Promise<ConfigCheck> {
  const roleName = roleNameOf(roleArn);
  const base = { ...SESSION, id: "session:duration", title: "Session length (iam:GetRole)" };
  try {
    const role = (await run.iam<GetRoleCommandOutput>(new GetRoleCommand({ RoleName: roleName }))).Role;
    const limit = role?.MaxSessionDuration ?? 3600;
    if (maxTtl !== null && maxTtl > limit)
      return makeCheck({
        ...base,
        status: "failed",
        field: ["maxTTL"],
        message:
          `The role ${roleName} allows sessions of at most ${formatDurationForApi(limit)} (MaxSessionDuration), ` +
          `shorter than the max TTL (${formatDurationForApi(maxTtl)}): AWS would refuse longer leases. ` +
          "Raise the role's maximum session duration, or lower the max TTL.",
      });
    return makeCheck({
      ...base,
      status: "ok",
      message: `The role ${roleName} allows sessions of up to ${formatDurationForApi(limit)}.`,
    });
  } catch (error) {
    const problem = awsProblem(error, { action: "iam:GetRole", resource: roleName, caller: run.caller });
    return makeCheck({
      ...base,
      status: problem.kind === "access-denied" ? "warning" : "skipped",
      action: "iam:GetRole",
      message: `${problem.message} Without it, Leasehold cannot compare the role's MaxSessionDuration and the max TTL.`,
    });
  }
}

/** One AssumeRole as Generate sends it; the credentials are dropped unused. */
async function trialSessionCheck(
  run: CheckRun,
  base: Extract<SessionBase, { kind: "assume-role" }>,
  config: CredentialSourceConfig,
): Promise<ConfigCheck> {
  const extra = leaseSessionParams(config, run.requester);
  const sent = ["the External ID", "SourceIdentity", ...(extra.Tags ? ["session tags"] : [])];
  if (extra.Policy) sent.push("the session policy");
  const check = { ...SESSION, id: "session:assume-role", title: "A lease's session (sts:AssumeRole)" };
  try {
    await run.limited(() =>
      base.assume({
        sessionName: stsName("leasehold-test-configuration", STS_LIMITS.sessionNameMax),
        durationSeconds: STS_LIMITS.minSeconds,
        extra,
      }),
    );
    return makeCheck({
      ...check,
      status: "ok",
      message:
        `STS issued a ${formatDurationForApi(STS_LIMITS.minSeconds)} session of ${base.roleArn} with ` +
        `${listInWords(sent)}, as Generate asks for one; it was not handed out.`,
    });
  } catch (error) {
    const message =
      error instanceof AppError
        ? error.message
        : awsProblem(error, { action: "sts:AssumeRole", resource: base.roleArn, caller: base.caller }).message;
    const denied = error instanceof AppError ? error.code === "aws_access_denied" : /AccessDenied/.test(String(error));
    const badInput = /MalformedPolicyDocument|PackedPolicyTooLarge|invalid_input/.test(
      `${error instanceof AppError ? error.code : ""} ${String((error as Error)?.name)} ${message}`,
    );
    const field = badInput
      ? inputField(extra.Policy ? "sessionPolicy" : "sessionTags")
      : inputField(config.inputs.appConnectionId ? "appConnectionId" : "roleArn");
    const trust = denied
      ? ` Generate also sends SourceIdentity${extra.Tags ? " and session tags" : ""}: the role's trust policy ` +
        `must allow sts:SetSourceIdentity${extra.Tags ? " and sts:TagSession" : ""} for this principal too.`
      : "";
    return makeCheck({ ...check, status: "failed", field, action: "sts:AssumeRole", message: `${message}${trust}` });
  }
}

export async function stsSessionChecks(options: {
  aws: DynamicSecretAws;
  run: CheckRun;
  config: CredentialSourceConfig;
  ctx: AwsContext;
  maxTtl: number | null;
  sampleName: string;
}): Promise<StsSessionCheckResult> {
  const { run, config } = options;
  let base: SessionBase;
  try {
    base = await options.aws.sessionBase(config, options.ctx);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      kind: null,
      checks: [
        makeCheck({ ...SESSION, id: "session:base", title: "Sessions", status: "failed", message: error.message }),
      ],
      plans: [],
    };
  }
  const uses = new Set<LeaseActionInput>(config.inputs.sessionTags?.length ? ["sessionTags"] : []);
  if (base.kind === "assume-role") {
    const checks = await Promise.all([
      roleLimitCheck(run, base.roleArn, options.maxTtl),
      trialSessionCheck(run, base, config),
    ]);
    // The managing session is of the same role, which writes its own deny list on revoke.
    const plans = [{ resourceArn: base.roleArn, actions: needed("lease-role", uses) }];
    return { kind: base.kind, checks, plans, roleArn: base.roleArn };
  }

  const federation = Boolean(config.inputs.sessionPolicy?.trim() || config.inputs.policyArns?.trim());
  if (!federation)
    return {
      kind: base.kind,
      checks: [
        makeCheck({
          ...SESSION,
          id: "session:token",
          title: "Revoking sessions",
          status: "warning",
          field: inputField("sessionPolicy"),
          message:
            "Leases are GetSessionToken sessions of this key's user, which AWS cannot revoke: a revoked lease " +
            "stays valid until it expires. Give a session policy or policy ARNs to get federation tokens, " +
            "which a revoke denies at AWS.",
        }),
      ],
      plans: [],
    };
  const user = parseIamPrincipalArn(run.callerArn);
  const federatedUser = `arn:${run.partition}:sts::${run.account}:federated-user/${stsName(options.sampleName, 32)}`;
  const plans: SimulationPlan[] = [{ resourceArn: federatedUser, actions: needed("federated-user", uses) }];
  const checks: ConfigCheck[] = [];
  if (user?.kind === "user") plans.push({ resourceArn: user.arn, actions: needed("token-user", uses) });
  else
    checks.push(
      makeCheck({
        ...SESSION,
        id: "session:deny-target",
        title: "Revoking sessions",
        status: "warning",
        message:
          `The key belongs to ${run.callerArn}, not an IAM user, so a revoke has no user to write the deny list ` +
          "on: revoked federation tokens stay valid until they expire.",
      }),
    );
  return { kind: base.kind, checks, plans };
}
