import { z } from "zod";
import type { Issue } from "#shared/errors.ts";
import {
  type AwsIamCredentialType,
  createDynamicSecretInputSchema,
  type DynamicSecret,
} from "#shared/schemas/dynamic-secrets.ts";

/**
 * The Add/Edit Dynamic Secret form. Field names mirror the API (`provider.inputs.region` …)
 * so that the server's `issues` land on the right field unchanged; `source` is the one
 * UI-only field (the method tabs, where an App Connection is a fourth choice).
 */
const credentialSources = ["access-key", "assume-role", "irsa", "app-connection"] as const;
export type CredentialSource = (typeof credentialSources)[number];

export interface DynamicSecretFormValues {
  name: string;
  defaultTTL: string;
  maxTTL: string;
  usernameTemplate: string;
  source: CredentialSource;
  provider: {
    inputs: {
      credentialType: AwsIamCredentialType;
      accessKey: string;
      secretAccessKey: string;
      roleArn: string;
      appConnectionId: string;
      region: string;
      awsPath: string;
      permissionBoundaryPolicyArn: string;
      policyDocument: string;
      userGroups: string;
      policyArns: string;
      tags: { key: string; value: string }[];
      sessionPolicy: string;
      sessionTags: { key: string; value: string }[];
    };
  };
}

export function initialValues(existing: DynamicSecret | null): DynamicSecretFormValues {
  const i = existing?.inputs;
  return {
    name: existing?.name ?? "",
    defaultTTL: existing?.defaultTTL ?? "1h",
    maxTTL: existing?.maxTTL ?? "1d",
    usernameTemplate: existing?.usernameTemplate ?? "{{randomUsername}}",
    // A new secret starts on Assume role, which the seed recommends first; a saved one shows its own method.
    source: i?.appConnectionId ? "app-connection" : (i?.method ?? (existing ? "access-key" : "assume-role")),
    provider: {
      inputs: {
        credentialType: i?.credentialType ?? "iam-user",
        accessKey: i?.accessKey ?? "",
        secretAccessKey: "",
        roleArn: i?.roleArn ?? "",
        appConnectionId: i?.appConnectionId ?? "",
        region: i?.region ?? "us-east-1",
        awsPath: i?.awsPath ?? "",
        permissionBoundaryPolicyArn: i?.permissionBoundaryPolicyArn ?? "",
        policyDocument: i?.policyDocument ?? "",
        userGroups: i?.userGroups ?? "",
        policyArns: i?.policyArns ?? "",
        tags: i?.tags ?? [],
        sessionPolicy: i?.sessionPolicy ?? "",
        sessionTags: i?.sessionTags ?? [],
      },
    },
  };
}

/** The inputs the chosen source sends: the other tabs' fields stay in the form but are not sent. */
export function inputsOf(values: DynamicSecretFormValues) {
  const i = values.provider.inputs;
  // Each credential type sends its own fields; the other's stay in the form, unsent.
  const common =
    i.credentialType === "temporary-credentials"
      ? {
          credentialType: i.credentialType,
          region: i.region,
          sessionPolicy: i.sessionPolicy,
          sessionTags: i.sessionTags,
          // Session policy ARNs exist for federation tokens only (the access-key method).
          ...(values.source === "access-key" || values.source === "app-connection" ? { policyArns: i.policyArns } : {}),
        }
      : {
          credentialType: i.credentialType,
          region: i.region,
          awsPath: i.awsPath,
          permissionBoundaryPolicyArn: i.permissionBoundaryPolicyArn,
          policyDocument: i.policyDocument,
          userGroups: i.userGroups,
          policyArns: i.policyArns,
          tags: i.tags,
        };
  switch (values.source) {
    case "access-key":
      return {
        ...common,
        method: "access-key" as const,
        accessKey: i.accessKey,
        ...(i.secretAccessKey ? { secretAccessKey: i.secretAccessKey } : {}),
      };
    case "assume-role":
    case "irsa":
      return { ...common, method: values.source, roleArn: i.roleArn };
    case "app-connection":
      return { ...common, appConnectionId: i.appConnectionId };
  }
}

/**
 * Validates with the API's own schema. When editing, an empty secret key means "keep the
 * stored one", so a stand-in fills it for the check and nothing is sent.
 */
export function formSchema(editing: DynamicSecret | null) {
  const keepsStoredKey = (v: DynamicSecretFormValues) =>
    editing !== null &&
    v.source === "access-key" &&
    editing.inputs.method === "access-key" &&
    !editing.inputs.appConnectionId &&
    !v.provider.inputs.secretAccessKey;
  return z.custom<DynamicSecretFormValues>().superRefine((values, ctx) => {
    const inputs = inputsOf(values);
    const result = createDynamicSecretInputSchema.safeParse({
      projectSlug: "p",
      environmentSlug: "e",
      path: "/",
      name: values.name,
      defaultTTL: values.defaultTTL,
      maxTTL: values.maxTTL || null,
      usernameTemplate: values.usernameTemplate || null,
      provider: {
        type: "aws-iam",
        inputs: keepsStoredKey(values) ? { ...inputs, secretAccessKey: "stored-secret-access-key" } : inputs,
      },
    });
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });
}

/** PATCH answers with `data.…` paths; the form's fields are named like the create body. */
export function issuesForForm(issues: Issue[]): Issue[] {
  return issues.map((issue) => {
    const [head, ...rest] = issue.path;
    if (head !== "data") return issue;
    if (rest[0] === "inputs") return { ...issue, path: ["provider", ...rest] };
    if (rest[0] === "newName") return { ...issue, path: ["name", ...rest.slice(1)] };
    return { ...issue, path: rest };
  });
}
