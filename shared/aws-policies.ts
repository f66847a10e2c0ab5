import { parseArn, parseIamPrincipalArn, roleArnOf } from "./arn.ts";
import type { AwsPartition } from "./aws-regions.ts";
import { POLICY_ACTIONS } from "./lease-lifecycle-actions.ts";

/**
 * The IAM policies a person pastes into AWS to connect Leasehold: the trust policy of the
 * role Leasehold assumes, the inline policy of Leasehold's own principal, and the
 * permission policy for the use cases they pick. Pure, so the server and the wizard
 * produce the same JSON. Sources: seed 004 (AWS Connection) and seed 002 (IAM dynamic secrets).
 */
interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal?: { AWS: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Policies are shown and copied in this one layout, so what is copied is what is shown. */
export const formatPolicy = (policy: PolicyDocument) => JSON.stringify(policy, null, 2);

/**
 * The External ID Leasehold sends on AssumeRole: the project ID for a project-scoped
 * connection, the organisation ID otherwise. One role then cannot be used from another
 * scope of the same Leasehold server (the confused-deputy problem).
 */
export function externalIdForScope(scope: { orgId: string; projectId: string | null | undefined }): string {
  return scope.projectId ?? scope.orgId;
}

/** Who to name in a trust policy for the principal GetCallerIdentity returned. */
export function trustedPrincipalArn(callerArn: string): string {
  const principal = parseIamPrincipalArn(callerArn);
  // A session ARN changes with every session (instance, task): trust its role instead.
  if (principal?.kind === "assumed-role") return roleArnOf(principal)!;
  return callerArn;
}

export const PRINCIPAL_PLACEHOLDER = "arn:aws:iam::<LEASEHOLD_ACCOUNT_ID>:user/<LEASEHOLD_USER>";

/**
 * What Leasehold's AssumeRole asks of a role's trust: the call itself, and, for leases of temporary credentials
 * taken through the connection, the requester as SourceIdentity and the dynamic secret's session tags (API.md,
 * "Temporary credentials"). AWS checks each of them against the trust policy and the caller's own policy.
 */
const ASSUME_ROLE_ACTIONS = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

/** The trust policy of the role: only Leasehold's principal, and only with this scope's External ID. */
export function trustPolicy(input: { principalArn: string | null; externalId: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowLeaseholdToAssumeThisRole",
        Effect: "Allow",
        Principal: { AWS: input.principalArn ? trustedPrincipalArn(input.principalArn) : PRINCIPAL_PLACEHOLDER },
        Action: ASSUME_ROLE_ACTIONS,
        Condition: { StringEquals: { "sts:ExternalId": input.externalId } },
      },
    ],
  };
}

/** The inline policy of Leasehold's own IAM user or instance role (seed 004). */
export function serverPrincipalPolicy(partition: AwsPartition = "aws"): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowAssumeAnyRole",
        Effect: "Allow",
        Action: ASSUME_ROLE_ACTIONS,
        Resource: `arn:${partition}:iam::*:role/*`,
      },
    ],
  };
}

export const PERMISSION_USE_CASES = [
  "secrets-manager",
  "parameter-store",
  "iam-access-key-rotation",
  "iam-dynamic-secrets",
  "sts-temporary-credentials",
  "acm",
  "elastic-load-balancer",
  "private-ca",
  "acm-public-ca",
  "s3-recordings",
] as const;
export type PermissionUseCase = (typeof PERMISSION_USE_CASES)[number];

export interface PermissionInputs {
  /** IAM path the dynamic secret's users are created under, e.g. /leasehold/. */
  iamUserPath?: string;
  privateCaArn?: string;
  hostedZoneId?: string;
  bucketName?: string;
  bucketPrefix?: string;
}

export const USE_CASE_LABELS: Record<PermissionUseCase, { title: string; description: string }> = {
  "secrets-manager": {
    title: "Secrets Manager",
    description: "Sync secrets to AWS Secrets Manager (with KMS for a custom key).",
  },
  "parameter-store": {
    title: "Parameter Store",
    description: "Sync secrets to SSM Parameter Store (with KMS for a custom key).",
  },
  "iam-access-key-rotation": { title: "IAM access-key rotation", description: "Rotate IAM users' access keys." },
  "iam-dynamic-secrets": {
    title: "IAM dynamic secrets",
    description: "Create and clean up short-lived IAM users under one path.",
  },
  "sts-temporary-credentials": {
    title: "Temporary credentials",
    description:
      "Hand out STS sessions of this role (or federation tokens of this user), and revoke them for real: " +
      "Leasehold writes an inline deny named leasehold-revoked-sessions.",
  },
  acm: { title: "Certificate Manager", description: "Sync certificates to ACM." },
  "elastic-load-balancer": {
    title: "Elastic Load Balancer",
    description: "Attach ACM certificates to load balancer listeners.",
  },
  "private-ca": { title: "Private CA", description: "Issue certificates from one AWS Private CA." },
  "acm-public-ca": {
    title: "ACM public CA + Route 53",
    description: "Request public certificates, validated through one hosted zone.",
  },
  "s3-recordings": {
    title: "S3 recordings bucket",
    description: "Store and play back session recordings in one bucket.",
  },
};

export interface InputProblem {
  input: keyof PermissionInputs;
  message: string;
}

const ACM_SYNC = [
  "acm:ListCertificates",
  "acm:DescribeCertificate",
  "acm:GetCertificate",
  "acm:ImportCertificate",
  "acm:ExportCertificate",
  "acm:DeleteCertificate",
  "acm:AddTagsToCertificate",
  "acm:RemoveTagsFromCertificate",
  "acm:ListTagsForCertificate",
];
const KMS = ["kms:ListAliases", "kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"];

// What IAM dynamic secrets do to a user, from creation to the full cleanup AWS requires before DeleteUser, and
// what temporary credentials need: lease-lifecycle-actions.ts, which Test configuration simulates too. Seed 002
// scopes the user actions to arn:aws:iam::<account>:user/<path>.
const IAM_USER_LIFECYCLE = POLICY_ACTIONS.iamUsers;
const IAM_GROUP_MEMBERSHIP = POLICY_ACTIONS.iamGroups;
const IAM_MFA_DEVICES = POLICY_ACTIONS.iamMfaDevices;
const IAM_POLICY_READS = POLICY_ACTIONS.iamPolicies;

/** "/leasehold/" → "leasehold/"; "/" → "" (the whole account). */
function normalisedUserPath(path: string | undefined): string | null {
  const value = (path ?? "/").trim() || "/";
  if (!/^\/([\x21-\x2e\x30-\x7e]+\/)*$/.test(value) || value.length > 512) return null;
  return value.slice(1);
}

function statementsFor(
  useCase: PermissionUseCase,
  inputs: PermissionInputs,
  problems: InputProblem[],
  partition: AwsPartition,
): PolicyStatement[] {
  switch (useCase) {
    case "secrets-manager":
      return [
        {
          Sid: "AllowSecretsManagerAccess",
          Effect: "Allow",
          Resource: "*",
          Action: [
            "secretsmanager:ListSecrets",
            "secretsmanager:GetSecretValue",
            "secretsmanager:BatchGetSecretValue",
            "secretsmanager:CreateSecret",
            "secretsmanager:UpdateSecret",
            "secretsmanager:DeleteSecret",
            "secretsmanager:DescribeSecret",
            "secretsmanager:TagResource",
            "secretsmanager:UntagResource",
            ...KMS,
          ],
        },
      ];
    case "parameter-store":
      return [
        {
          Sid: "AllowSSMAccess",
          Effect: "Allow",
          Resource: "*",
          Action: [
            "ssm:PutParameter",
            "ssm:GetParameters",
            "ssm:GetParametersByPath",
            "ssm:DescribeParameters",
            "ssm:DeleteParameters",
            "ssm:ListTagsForResource",
            "ssm:AddTagsToResource",
            "ssm:RemoveTagsFromResource",
            ...KMS,
          ],
        },
      ];
    case "iam-access-key-rotation":
      return [
        {
          Sid: "AllowAccessKeyRotation",
          Effect: "Allow",
          Resource: "*",
          Action: [
            "iam:ListAccessKeys",
            "iam:CreateAccessKey",
            "iam:UpdateAccessKey",
            "iam:DeleteAccessKey",
            "iam:ListUsers",
          ],
        },
      ];
    case "iam-dynamic-secrets": {
      let path = normalisedUserPath(inputs.iamUserPath);
      if (path === null) {
        problems.push({ input: "iamUserPath", message: "A path starts and ends with /, such as /leasehold/" });
        path = "";
      }
      return [
        {
          Sid: "AllowDynamicIamUsers",
          Effect: "Allow",
          Resource: `arn:${partition}:iam::*:user/${path}*`,
          Action: IAM_USER_LIFECYCLE,
        },
        {
          Sid: "AllowDynamicIamUserGroups",
          Effect: "Allow",
          Resource: `arn:${partition}:iam::*:group/*`,
          Action: IAM_GROUP_MEMBERSHIP,
        },
        {
          Sid: "AllowDynamicIamUserMfaCleanup",
          Effect: "Allow",
          Resource: `arn:${partition}:iam::*:mfa/*`,
          Action: IAM_MFA_DEVICES,
        },
        {
          // Read-only: Test configuration tells a mistyped policy ARN from a real one (aws-managed ones included).
          Sid: "AllowReadingManagedPolicies",
          Effect: "Allow",
          Resource: `arn:${partition}:iam::*:policy/*`,
          Action: IAM_POLICY_READS,
        },
      ];
    }
    case "sts-temporary-credentials":
      // The role (or user) writes its own deny list; the role's trust policy must also let the principal assume it.
      return [
        {
          Sid: "AllowRevokedSessionsPolicyOnRoles",
          Effect: "Allow",
          Resource: `arn:${partition}:iam::*:role/*`,
          Action: POLICY_ACTIONS.stsRoles,
        },
        {
          Sid: "AllowFederationTokensAndTheirRevocation",
          Effect: "Allow",
          Resource: "*",
          Action: POLICY_ACTIONS.stsTokens,
        },
      ];
    case "acm":
      return [{ Sid: "AllowCertificateManagerAccess", Effect: "Allow", Resource: "*", Action: ACM_SYNC }];
    case "elastic-load-balancer":
      return [
        {
          Sid: "AllowCertificateManagerAccess",
          Effect: "Allow",
          Resource: "*",
          Action: [
            "acm:ListCertificates",
            "acm:DescribeCertificate",
            "acm:ImportCertificate",
            "acm:DeleteCertificate",
            "acm:ListTagsForCertificate",
          ],
        },
        {
          Sid: "AllowElasticLoadBalancerAccess",
          Effect: "Allow",
          Resource: "*",
          Action: [
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:AddListenerCertificates",
            "elasticloadbalancing:RemoveListenerCertificates",
            "elasticloadbalancing:ModifyListener",
          ],
        },
      ];
    case "private-ca": {
      const arn = (inputs.privateCaArn ?? "").trim();
      const parsed = parseArn(arn);
      const valid =
        parsed?.service === "acm-pca" &&
        /^\d{12}$/.test(parsed.account) &&
        /^certificate-authority\/[\w-]+$/.test(parsed.resource);
      if (!valid)
        problems.push({
          input: "privateCaArn",
          message:
            "Enter the CA's ARN, such as arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/1234abcd-…",
        });
      return [
        {
          Sid: "AllowAwsPrivateCAAccess",
          Effect: "Allow",
          Resource: valid ? arn : `arn:${partition}:acm-pca:<REGION>:<ACCOUNT_ID>:certificate-authority/<CA_ID>`,
          Action: [
            "acm-pca:DescribeCertificateAuthority",
            "acm-pca:GetCertificateAuthorityCertificate",
            "acm-pca:IssueCertificate",
            "acm-pca:GetCertificate",
            "acm-pca:RevokeCertificate",
          ],
        },
      ];
    }
    case "acm-public-ca": {
      const zone = (inputs.hostedZoneId ?? "").trim().replace(/^\/?hostedzone\//, "");
      const valid = /^Z[A-Z0-9]{1,31}$/.test(zone);
      if (!valid) problems.push({ input: "hostedZoneId", message: "Enter the hosted zone ID, such as Z1D633PJN98FT9" });
      return [
        {
          Sid: "AllowAcmPublicCaAccess",
          Effect: "Allow",
          Resource: "*",
          Action: [
            "acm:RequestCertificate",
            "acm:DescribeCertificate",
            "acm:ExportCertificate",
            "acm:RenewCertificate",
            "acm:RevokeCertificate",
            "acm:ListCertificates",
          ],
        },
        {
          Sid: "AllowRoute53ForAcmValidation",
          Effect: "Allow",
          Resource: `arn:${partition}:route53:::hostedzone/${valid ? zone : "<HOSTED_ZONE_ID>"}`,
          Action: ["route53:GetHostedZone", "route53:ChangeResourceRecordSets"],
        },
      ];
    }
    case "s3-recordings": {
      const bucket = (inputs.bucketName ?? "").trim();
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
      const bucketValid =
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) &&
        !bucket.includes("..") &&
        !/^\d+\.\d+\.\d+\.\d+$/.test(bucket);
      if (!bucketValid)
        problems.push({
          input: "bucketName",
          message: "Enter the bucket's name: 3-63 lowercase letters, digits, dots and hyphens",
        });
      const prefix = (inputs.bucketPrefix ?? "").trim().replace(/^\/+|\/+$/g, "");
      if (prefix && !/^[\w!\-.*'()/]+$/.test(prefix))
        problems.push({ input: "bucketPrefix", message: "A prefix uses letters, digits and !-_.*'()/ only" });
      const base = `arn:${partition}:s3:::${bucketValid ? bucket : "<BUCKET_NAME>"}`;
      const keys = prefix ? `${base}/${prefix}` : base;
      return [
        {
          Sid: "AllowPamRecordingBucketAccess",
          Effect: "Allow",
          Resource: `${keys}/*`,
          Action: ["s3:PutObject", "s3:GetObject"],
        },
        { Sid: "AllowPamRecordingBucketTest", Effect: "Allow", Resource: base, Action: ["s3:ListBucket"] },
        {
          Sid: "AllowPamRecordingConnectionTestCleanup",
          Effect: "Allow",
          Resource: `${keys}/.test/*`,
          Action: ["s3:DeleteObject"],
        },
      ];
    }
  }
}

const resourcesOf = (s: PolicyStatement) => [s.Resource ?? []].flat().sort();
const actionsOf = (s: PolicyStatement) => [s.Action].flat();

/**
 * One policy for the chosen use cases: statements on the same resources are merged and
 * their actions deduplicated and sorted, so a use case picked twice (ACM by itself and
 * for the load balancer) adds nothing twice.
 */
export function permissionPolicy(
  useCases: readonly PermissionUseCase[],
  inputs: PermissionInputs = {},
  partition: AwsPartition = "aws",
): { policy: PolicyDocument; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const groups = new Map<string, { sids: string[]; resources: string[]; actions: Set<string> }>();
  const chosen = PERMISSION_USE_CASES.filter((u) => useCases.includes(u));
  for (const useCase of chosen) {
    for (const statement of statementsFor(useCase, inputs, problems, partition)) {
      const resources = resourcesOf(statement);
      const key = JSON.stringify(resources);
      const group = groups.get(key) ?? { sids: [], resources, actions: new Set<string>() };
      if (!group.sids.includes(statement.Sid)) group.sids.push(statement.Sid);
      for (const action of actionsOf(statement)) group.actions.add(action);
      groups.set(key, group);
    }
  }
  const statements = [...groups.values()].map(
    (group): PolicyStatement => ({
      Sid:
        group.sids.length === 1
          ? group.sids[0]!
          : group.resources.join() === "*"
            ? "AllowLeaseholdOnAnyResource"
            : `${group.sids[0]}Combined`,
      Effect: "Allow",
      Action: [...group.actions].sort(),
      Resource: group.resources.length === 1 ? group.resources[0]! : group.resources,
    }),
  );
  return { policy: { Version: "2012-10-17", Statement: statements }, problems };
}
