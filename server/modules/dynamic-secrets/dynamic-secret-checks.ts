import { GetRoleCommand, GetRolePolicyCommand, GetUserCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { parseIamPrincipalArn } from "#shared/arn.ts";
import { formatDurationForApi } from "#shared/durations.ts";
import type { SecretLocation, TestDynamicSecretResponse } from "#shared/schemas/dynamic-secrets.ts";
import { renderUsernameTemplate, UsernameTemplateError } from "#shared/username-template.ts";
import type { Clock, RequestContext } from "../../context.ts";
import { awsErrorCode, translateAwsError } from "../../lib/aws/translate-error.ts";
import { AppError, fieldError } from "../../lib/http/errors.ts";
import type { DynamicSecretAws } from "./dynamic-secret-aws.ts";
import type { DynamicSecretConfig } from "./dynamic-secret-config.ts";
import { type InputsPatch, mergeInputs, parseInputs } from "./dynamic-secret-inputs.ts";
import type { DynamicSecretLookup } from "./dynamic-secret-lookup.ts";
import { REVOKED_SESSIONS_POLICY } from "./providers/aws-sts/revoked-sessions-policy.ts";
import { roleNameOf } from "./providers/aws-sts/sts-session-provider.ts";

const INPUT = ["provider", "inputs"];
const FIELDS = {
  "invalid-credentials": [...INPUT, "accessKey"],
  "signature-mismatch": [...INPUT, "secretAccessKey"],
  "access-denied": [...INPUT, "roleArn"],
  "not-found": [...INPUT, "roleArn"],
};

/**
 * "Test configuration" and the username preview: read-only checks a person runs from the
 * form before saving. Nothing is written and no IAM user is created.
 */
export function createDynamicSecretChecks(deps: {
  lookup: DynamicSecretLookup;
  aws: DynamicSecretAws;
  clock: Clock;
  randomId: () => string;
}) {
  const { lookup, aws, clock } = deps;

  /** The IAM read the managing principal is sure to need: GetUser on itself, or (for a role) ListUsers under the path. */
  async function iamAnswers(
    iam: ReturnType<DynamicSecretAws["clients"]>["iam"],
    callerArn: string,
    path: string,
    caller: string,
  ) {
    const principal = parseIamPrincipalArn(callerArn);
    const read =
      principal?.kind === "user"
        ? {
            action: "iam:GetUser",
            resource: principal.name,
            call: () => iam.send(new GetUserCommand({ UserName: principal.name })),
          }
        : {
            action: "iam:ListUsers",
            resource: `users under ${path}`,
            call: () => iam.send(new ListUsersCommand({ PathPrefix: path, MaxItems: 1 })),
          };
    try {
      await read.call();
      return { step: "iam" as const, ok: true, message: `IAM answered ${read.action} (${read.resource}).` };
    } catch (error) {
      return {
        step: "iam" as const,
        ok: false,
        message: translateAwsError(error, { action: read.action, resource: read.resource, caller }).message,
      };
    }
  }

  /**
   * Temporary credentials of a role: iam:GetRole says how long its sessions may last (warned when the max TTL
   * is longer), and reading its inline policy shows whether revocation can see the deny list (decision 0801).
   */
  async function sessionChecks(
    iam: ReturnType<DynamicSecretAws["clients"]>["iam"],
    inputs: { roleArn?: string | undefined; method: string; appConnectionId?: string | undefined },
    maxTtl: number | null,
    caller: string,
  ) {
    if (!inputs.roleArn || inputs.method === "access-key" || inputs.appConnectionId)
      return {
        step: "session" as const,
        ok: true,
        message:
          inputs.method === "access-key" && !inputs.appConnectionId
            ? "Leases are GetSessionToken or GetFederationToken sessions of this key's user (up to 36 hours)."
            : "Leases are sessions of the App Connection's role or key.",
      };
    const roleName = roleNameOf(inputs.roleArn);
    try {
      const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
      const limit = role?.MaxSessionDuration ?? 3600;
      await iam
        .send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKED_SESSIONS_POLICY }))
        .catch((error: unknown) => {
          if (awsErrorCode(error) !== "NoSuchEntity") throw error;
        });
      if (maxTtl !== null && maxTtl > limit)
        return {
          step: "session" as const,
          ok: false,
          message: `The role ${roleName} allows sessions of at most ${formatDurationForApi(limit)} (MaxSessionDuration), shorter than the max TTL (${formatDurationForApi(maxTtl)}): AWS would refuse longer leases. Raise the role's maximum session duration, or lower the max TTL.`,
        };
      return {
        step: "session" as const,
        ok: true,
        message: `The role ${roleName} allows sessions of up to ${formatDurationForApi(limit)}, and its inline policies can be read; revoking also needs iam:PutRolePolicy on it.`,
      };
    } catch (error) {
      return {
        step: "session" as const,
        ok: false,
        message: translateAwsError(error, { action: "iam:GetRole", resource: roleName, caller }).message,
      };
    }
  }

  return {
    async testConfiguration(
      ctx: RequestContext,
      input: SecretLocation & {
        name?: string | undefined;
        provider?: { inputs: InputsPatch } | undefined;
        maxTTL?: number | null | undefined;
      },
    ): Promise<TestDynamicSecretResponse> {
      const { project } = await lookup.location(ctx.actor, input, "dynamic-secrets.manage");
      const saved = input.name ? (await lookup.find(ctx.actor, input, input.name, "dynamic-secrets.manage")).row : null;
      const current: DynamicSecretConfig | null = saved ? lookup.config(saved) : null;
      const inputs = parseInputs(mergeInputs(current, input.provider?.inputs), INPUT);
      const { secretAccessKey, ...view } = inputs;
      const config = {
        row: { id: saved?.id ?? deps.randomId(), projectId: project.id, version: saved?.version ?? 0 },
        inputs: { ...view, method: inputs.method ?? "access-key", credentialType: inputs.credentialType ?? "iam-user" },
        secretAccessKey: secretAccessKey ?? null,
      };

      let managing: Awaited<ReturnType<DynamicSecretAws["managingCredentials"]>>;
      try {
        managing = await aws.managingCredentials(config, ctx, { fields: FIELDS, cache: false });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return {
          ok: false,
          callerArn: null,
          checks: [
            { step: "credentials", ok: false, message: error.message },
            { step: "iam", ok: false, message: "Not checked: the credentials did not work." },
          ],
        };
      }
      const { sts, iam } = aws.clients(managing);
      let callerArn: string;
      try {
        callerArn = (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? "";
      } catch (error) {
        const message = translateAwsError(error, { action: "sts:GetCallerIdentity", caller: managing.caller }).message;
        return {
          ok: false,
          callerArn: null,
          checks: [
            { step: "credentials", ok: false, message },
            { step: "iam", ok: false, message: "Not checked: the credentials did not work." },
          ],
        };
      }
      const temporary = config.inputs.credentialType === "temporary-credentials";
      const iamCheck = temporary
        ? await sessionChecks(iam, config.inputs, input.maxTTL ?? null, managing.caller)
        : await iamAnswers(iam, callerArn, config.inputs.awsPath || "/", managing.caller);
      return {
        ok: iamCheck.ok,
        callerArn,
        checks: [
          { step: "credentials", ok: true, message: `AWS accepted the credentials: they belong to ${callerArn}.` },
          iamCheck,
        ],
      };
    },

    /** What the template gives for the person or machine asking (the form's live preview). */
    previewUsername(
      ctx: RequestContext,
      input: { usernameTemplate?: string | null | undefined; dynamicSecretName?: string | undefined },
    ) {
      try {
        return {
          username: renderUsernameTemplate(input.usernameTemplate, {
            identityName: ctx.actor.name,
            dynamicSecretName: input.dynamicSecretName || "dynamic-secret",
            now: clock.now(),
          }),
        };
      } catch (error) {
        if (error instanceof UsernameTemplateError)
          throw fieldError(["usernameTemplate"], error.message, "invalid_username_template");
        throw error;
      }
    },
  };
}
export type DynamicSecretChecks = ReturnType<typeof createDynamicSecretChecks>;
