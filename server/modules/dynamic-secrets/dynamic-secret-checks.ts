import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { splitCommaList } from "#shared/arn.ts";
import type { ConfigCheck, SecretLocation, TestDynamicSecretResponse } from "#shared/schemas/dynamic-secrets.ts";
import { renderUsernameTemplate, UsernameTemplateError } from "#shared/username-template.ts";
import type { Clock, RequestContext } from "../../context.ts";
import { translateAwsError } from "../../lib/aws/translate-error.ts";
import { AppError, fieldError } from "../../lib/http/errors.ts";
import type { CredentialSourceConfig, DynamicSecretAws } from "./dynamic-secret-aws.ts";
import {
  checkBoundary,
  checkGroups,
  checkPath,
  checkPolicyArns,
  checkPolicyDocument,
} from "./dynamic-secret-checks-fields.ts";
import { checkPermissions, simulationPrincipal } from "./dynamic-secret-checks-permissions.ts";
import { type CheckRun, createCheckRun, inputField, makeCheck } from "./dynamic-secret-checks-run.ts";
import type { DynamicSecretConfig } from "./dynamic-secret-config.ts";
import { type InputsPatch, mergeInputs, parseInputs } from "./dynamic-secret-inputs.ts";
import type { DynamicSecretLookup } from "./dynamic-secret-lookup.ts";
import { iamUserInputsInUse, iamUserSimulationPlans } from "./providers/aws-iam-user/iam-user-checks.ts";
import { stsSessionChecks } from "./providers/aws-sts/sts-session-checks.ts";

const INPUT = ["provider", "inputs"];
const FIELDS = {
  "invalid-credentials": [...INPUT, "accessKey"],
  "signature-mismatch": [...INPUT, "secretAccessKey"],
  "access-denied": [...INPUT, "roleArn"],
  "not-found": [...INPUT, "roleArn"],
  region: [...INPUT, "region"],
};
const CREDENTIALS = { id: "credentials", step: "credentials" as const, title: "Credentials (sts:GetCallerIdentity)" };
/** A stand-in when the template does not render: the simulator still gets a plausible user name. */
const SAMPLE_FALLBACK = "leasehold-test-configuration";

type Inputs = CredentialSourceConfig["inputs"];

/**
 * "Test configuration" and the username preview: read-only checks a person runs from the form before saving
 * (issue 12, item 6; decision 1280). The credentials first; then, for IAM users, each field IAM can vouch for
 * (path, groups, policies, boundary, inline policy) and every action of the lease's life through IAM's policy
 * simulator; for temporary credentials, the role's sessions and the deny list's permissions. Each check names
 * the form field or the AWS action it concerns. No IAM entity is created.
 */
export function createDynamicSecretChecks(deps: {
  lookup: DynamicSecretLookup;
  aws: DynamicSecretAws;
  clock: Clock;
  randomId: () => string;
}) {
  const { lookup, aws, clock } = deps;

  /** The role the managing credentials are a session of, as the form names it (path included). */
  const knownRoleArn = (inputs: Inputs) =>
    inputs.appConnectionId || inputs.method === "access-key" ? undefined : inputs.roleArn;

  function sampleUsername(ctx: RequestContext, template: string | null | undefined, secretName: string) {
    try {
      return {
        name: renderUsernameTemplate(template, {
          identityName: ctx.actor.name,
          dynamicSecretName: secretName,
          now: clock.now(),
        }),
      };
    } catch (error) {
      if (!(error instanceof UsernameTemplateError)) throw error;
      return {
        name: SAMPLE_FALLBACK,
        check: makeCheck({
          id: "field:usernameTemplate",
          step: "iam",
          status: "failed",
          title: "Username template",
          field: ["usernameTemplate"],
          message: error.message,
        }),
      };
    }
  }

  async function iamUserChecks(run: CheckRun, inputs: Inputs, sampleUser: string): Promise<ConfigCheck[]> {
    const path = inputs.awsPath || "/";
    const groups = splitCommaList(inputs.userGroups);
    const policyArns = splitCommaList(inputs.policyArns);
    const boundary = inputs.permissionBoundaryPolicyArn?.trim() || undefined;
    const document = inputs.policyDocument?.trim();
    const groupsChecked = groups.length ? checkGroups(run, groups) : null;
    const fields = Promise.all([
      checkPath(run, path),
      groupsChecked?.then((result) => result.check) ?? null,
      policyArns.length ? checkPolicyArns(run, policyArns, "user") : null,
      boundary ? checkBoundary(run, boundary) : null,
      document ? checkPolicyDocument(run, document, "policyDocument", "iam:PutUserPolicy") : null,
    ]);
    const permissions = (async () => {
      const principal = await simulationPrincipal(run, knownRoleArn(inputs));
      if ("check" in principal) return [principal.check];
      const plans = iamUserSimulationPlans({
        partition: run.partition,
        account: run.account,
        path,
        sampleUser,
        groupArns: groupsChecked ? [...(await groupsChecked).arns.values()] : [],
        uses: iamUserInputsInUse(inputs),
        boundaryArn: boundary,
      });
      return checkPermissions(run, principal.arn, plans);
    })();
    return [...(await fields).filter((c): c is ConfigCheck => c !== null), ...(await permissions)];
  }

  async function temporaryChecks(
    run: CheckRun,
    config: CredentialSourceConfig,
    ctx: RequestContext,
    maxTtl: number | null,
    sampleName: string,
  ): Promise<ConfigCheck[]> {
    const { inputs } = config;
    // A fresh ID: the form's inputs may differ from the saved ones, so no session cached for those may be reused.
    const unsaved = { ...config, row: { ...config.row, id: deps.randomId() } };
    const session = await stsSessionChecks({ aws, run, config: unsaved, ctx, maxTtl, sampleName });
    const policyArns = splitCommaList(inputs.policyArns);
    const document = inputs.sessionPolicy?.trim();
    const assumesRole = session.kind === "assume-role";
    const fields = Promise.all([
      !policyArns.length
        ? null
        : assumesRole
          ? makeCheck({
              id: "field:policyArns",
              step: "iam",
              status: "warning",
              title: "Session policy ARNs",
              field: inputField("policyArns"),
              message:
                "Policy ARNs narrow federation tokens only, and this source assumes a role, so they are ignored: " +
                "narrow the sessions with a session policy instead.",
            })
          : checkPolicyArns(run, policyArns, "session"),
      document
        ? checkPolicyDocument(run, document, "sessionPolicy", assumesRole ? "sts:AssumeRole" : "sts:GetFederationToken")
        : null,
    ]);
    const plans = session.plans.filter((plan) => plan.actions.length > 0);
    const permissions = (async () => {
      if (plans.length === 0) return [];
      const principal = await simulationPrincipal(run, session.roleArn ?? knownRoleArn(inputs));
      return "check" in principal ? [principal.check] : checkPermissions(run, principal.arn, plans);
    })();
    return [...session.checks, ...(await fields).filter((c): c is ConfigCheck => c !== null), ...(await permissions)];
  }

  /** The credentials check alone, when they did not work: nothing else can be asked. */
  function credentialsFailed(message: string, field: string[] | null): TestDynamicSecretResponse {
    return {
      ok: false,
      callerArn: null,
      checks: [
        makeCheck({ ...CREDENTIALS, status: "failed", field, message }),
        makeCheck({
          id: "rest",
          step: "iam",
          status: "skipped",
          title: "Fields and permissions",
          message: "Not checked: the credentials did not work.",
        }),
      ],
    };
  }

  return {
    async testConfiguration(
      ctx: RequestContext,
      input: SecretLocation & {
        name?: string | undefined;
        provider?: { inputs: InputsPatch } | undefined;
        maxTTL?: number | null | undefined;
        usernameTemplate?: string | null | undefined;
        dynamicSecretName?: string | undefined;
      },
    ): Promise<TestDynamicSecretResponse> {
      const { project } = await lookup.location(ctx.actor, input, "dynamic-secrets.manage");
      const saved = input.name ? (await lookup.find(ctx.actor, input, input.name, "dynamic-secrets.manage")).row : null;
      const current: DynamicSecretConfig | null = saved ? lookup.config(saved) : null;
      const inputs = parseInputs(mergeInputs(current, input.provider?.inputs), INPUT);
      const { secretAccessKey, ...view } = inputs;
      const config: CredentialSourceConfig = {
        row: { id: saved?.id ?? deps.randomId(), projectId: project.id, version: saved?.version ?? 0 },
        inputs: { ...view, method: inputs.method ?? "access-key", credentialType: inputs.credentialType ?? "iam-user" },
        secretAccessKey: secretAccessKey ?? null,
      };
      const connectionField = config.inputs.appConnectionId ? inputField("appConnectionId") : null;

      let managing: Awaited<ReturnType<DynamicSecretAws["managingCredentials"]>>;
      try {
        managing = await aws.managingCredentials(config, ctx, { fields: FIELDS, cache: false });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return credentialsFailed(error.message, error.extra.issues?.[0]?.path.map(String) ?? connectionField);
      }
      const { sts, iam } = aws.clients(managing);
      let callerArn: string;
      try {
        callerArn = (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? "";
      } catch (error) {
        const failure = translateAwsError(error, {
          action: "sts:GetCallerIdentity",
          caller: managing.caller,
          ...(config.inputs.method === "access-key" && !connectionField ? { fields: FIELDS } : {}),
        });
        return credentialsFailed(failure.message, failure.extra.issues?.[0]?.path.map(String) ?? connectionField);
      }

      const run = createCheckRun({ iam, caller: managing.caller, callerArn, requester: ctx.actor.name });
      try {
        const sample = sampleUsername(
          ctx,
          input.usernameTemplate !== undefined ? input.usernameTemplate : saved?.usernameTemplate,
          input.dynamicSecretName || saved?.name || "dynamic-secret",
        );
        const checks =
          config.inputs.credentialType === "temporary-credentials"
            ? await temporaryChecks(run, config, ctx, input.maxTTL ?? null, sample.name)
            : await iamUserChecks(run, config.inputs, sample.name);
        const all = [
          makeCheck({
            ...CREDENTIALS,
            status: "ok",
            message: `AWS accepted the credentials: they belong to ${callerArn}.`,
          }),
          ...(sample.check ? [sample.check] : []),
          ...checks,
        ];
        return { ok: all.every((c) => c.ok), callerArn, checks: all };
      } finally {
        run.close();
      }
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
