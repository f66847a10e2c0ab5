import { describe, expect, it } from "vitest";
import {
  externalIdForScope,
  formatPolicy,
  PERMISSION_USE_CASES,
  PRINCIPAL_PLACEHOLDER,
  permissionPolicy,
  serverPrincipalPolicy,
  trustedPrincipalArn,
  trustPolicy,
} from "./aws-policies.ts";

const ORG = "5a03b653-0d8b-4ecf-854d-cf6bb7198541";
const PROJECT = "7ffbb072-2575-495a-b5b0-127f88caef78";

describe("External ID", () => {
  it("is the project ID for a project-scoped connection and the org ID otherwise", () => {
    expect(externalIdForScope({ orgId: ORG, projectId: PROJECT })).toBe(PROJECT);
    expect(externalIdForScope({ orgId: ORG, projectId: null })).toBe(ORG);
    expect(externalIdForScope({ orgId: ORG, projectId: undefined })).toBe(ORG);
  });
});

describe("trust policy", () => {
  it("names the server's principal and requires this scope's External ID", () => {
    const policy = trustPolicy({ principalArn: "arn:aws:iam::111122223333:user/leasehold", externalId: PROJECT });
    expect(policy.Statement).toEqual([
      {
        Sid: "AllowLeaseholdToAssumeThisRole",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:user/leasehold" },
        Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
        Condition: { StringEquals: { "sts:ExternalId": PROJECT } },
      },
    ]);
  });

  it("trusts the role of an instance or task session, not the session itself", () => {
    expect(trustedPrincipalArn("arn:aws:sts::111122223333:assumed-role/leasehold-task/i-0abc")).toBe(
      "arn:aws:iam::111122223333:role/leasehold-task",
    );
    expect(trustedPrincipalArn("arn:aws-cn:iam::111122223333:user/ops/leasehold")).toBe(
      "arn:aws-cn:iam::111122223333:user/ops/leasehold",
    );
  });

  it("shows a placeholder when the server has no principal", () => {
    expect(trustPolicy({ principalArn: null, externalId: ORG }).Statement[0]!.Principal).toEqual({
      AWS: PRINCIPAL_PLACEHOLDER,
    });
  });
});

describe("server principal policy", () => {
  it("allows sts:AssumeRole on any role, as seed 004 says, with a source identity and tags, in the partition", () => {
    expect(serverPrincipalPolicy().Statement[0]).toMatchObject({
      Action: ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
      Resource: "arn:aws:iam::*:role/*",
    });
    expect(serverPrincipalPolicy("aws-us-gov").Statement[0]!.Resource).toBe("arn:aws-us-gov:iam::*:role/*");
  });
});

describe("permission policy builder", () => {
  it("is empty for no use case", () => {
    expect(permissionPolicy([]).policy.Statement).toEqual([]);
  });

  it("merges statements on the same resource and deduplicates their actions", () => {
    const { policy, problems } = permissionPolicy(["acm", "elastic-load-balancer", "secrets-manager"]);
    expect(problems).toEqual([]);
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(statement!.Resource).toBe("*");
    expect(statement!.Sid).toBe("AllowLeaseholdOnAnyResource");
    const actions = statement!.Action as string[];
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toEqual([...actions].sort());
    expect(actions).toEqual(
      expect.arrayContaining([
        "acm:ImportCertificate",
        "elasticloadbalancing:ModifyListener",
        "secretsmanager:GetSecretValue",
        "kms:Decrypt",
      ]),
    );
    expect(actions.filter((a) => a === "acm:ListCertificates")).toHaveLength(1);
  });

  it("scopes IAM dynamic secrets to the typed user path, with group membership on groups", () => {
    const { policy, problems } = permissionPolicy(["iam-dynamic-secrets"], { iamUserPath: "/leasehold/ci/" });
    expect(problems).toEqual([]);
    expect(policy.Statement.map((s) => s.Resource)).toEqual([
      "arn:aws:iam::*:user/leasehold/ci/*",
      "arn:aws:iam::*:group/*",
      "arn:aws:iam::*:mfa/*",
      "arn:aws:iam::*:policy/*",
    ]);
    expect(policy.Statement[0]!.Action).toEqual(
      expect.arrayContaining([
        "iam:CreateUser",
        "iam:DeleteUser",
        "iam:CreateAccessKey",
        "iam:DeleteAccessKey",
        "iam:PutUserPolicy",
        "iam:DeleteUserPolicy",
        "iam:AttachUserPolicy",
        "iam:DetachUserPolicy",
        "iam:TagUser",
        "iam:DeleteLoginProfile",
      ]),
    );
    expect(policy.Statement[1]!.Action).toEqual(["iam:AddUserToGroup", "iam:GetGroup", "iam:RemoveUserFromGroup"]);
    expect(policy.Statement[3]!.Action).toEqual(["iam:GetPolicy"]);
    expect(permissionPolicy(["iam-dynamic-secrets"], { iamUserPath: "no-slashes" }).problems).toEqual([
      expect.objectContaining({ input: "iamUserPath" }),
    ]);
    expect(permissionPolicy(["iam-dynamic-secrets"]).policy.Statement[0]!.Resource).toBe("arn:aws:iam::*:user/*");
  });

  it("uses the Private CA ARN, hosted zone and bucket typed, and reports what is missing", () => {
    const ca = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { policy, problems } = permissionPolicy(["private-ca", "acm-public-ca", "s3-recordings"], {
      privateCaArn: ca,
      hostedZoneId: "Z1D633PJN98FT9",
      bucketName: "pam-recordings",
      bucketPrefix: "/pam/prod/",
    });
    expect(problems).toEqual([]);
    const resources = policy.Statement.map((s) => s.Resource);
    expect(resources).toEqual(
      expect.arrayContaining([
        ca,
        "arn:aws:route53:::hostedzone/Z1D633PJN98FT9",
        "arn:aws:s3:::pam-recordings/pam/prod/*",
        "arn:aws:s3:::pam-recordings",
        "arn:aws:s3:::pam-recordings/pam/prod/.test/*",
      ]),
    );
    const missing = permissionPolicy(["private-ca", "acm-public-ca", "s3-recordings"], {
      privateCaArn: "nope",
      bucketName: "A_BAD_BUCKET",
    });
    expect(missing.problems.map((p) => p.input).sort()).toEqual(["bucketName", "hostedZoneId", "privateCaArn"]);
    expect(formatPolicy(missing.policy)).toContain("<CA_ID>");
  });

  it("produces the same JSON whatever the order of the chosen use cases", () => {
    const all = [...PERMISSION_USE_CASES];
    const inputs = {
      privateCaArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/abc",
      hostedZoneId: "Z123",
      bucketName: "bucket",
    };
    expect(formatPolicy(permissionPolicy([...all].reverse(), inputs).policy)).toBe(
      formatPolicy(permissionPolicy(all, inputs).policy),
    );
  });
});
