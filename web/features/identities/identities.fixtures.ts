// For web component tests: identities, their AWS Auth and memberships, shaped by the shared response schemas.
import type { IdentityAwsAuth } from "#shared/schemas/aws-auth.ts";
import type { Identity, IdentityMembership } from "#shared/schemas/identities.ts";
import type { Project } from "#shared/schemas/projects.ts";

export const ORG_ID = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
export const IDENTITY_ID = "a1a1a1a1-1111-4111-8111-111111111111";
const at = "2026-12-01T10:00:00.000Z";

export function identityFixture(overrides: Partial<Identity> = {}): Identity {
  return {
    id: IDENTITY_ID,
    orgId: ORG_ID,
    name: "payments-lambda",
    role: "member",
    authMethods: ["aws-auth"],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function awsAuthFixture(overrides: Partial<IdentityAwsAuth> = {}): IdentityAwsAuth {
  return {
    id: "b2b2b2b2-2222-4222-8222-222222222222",
    identityId: IDENTITY_ID,
    type: "iam",
    stsEndpoint: "https://sts.amazonaws.com",
    allowedPrincipalArns: "arn:aws:iam::123456789012:role/payments-lambda",
    allowedAccountIds: "",
    accessTokenTTL: 3600,
    accessTokenMaxTTL: 86400,
    accessTokenNumUsesLimit: 0,
    accessTokenTrustedIps: [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }],
    serverIdHeader: false,
    serverId: "leasehold-test-server",
    principalBindings: [
      {
        principalArn: "arn:aws:iam::123456789012:role/payments-lambda",
        status: "bound",
        how: "iam",
        uniqueId: "AROAEXAMPLEUNIQUEID01",
        boundAt: at,
      },
    ],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function projectFixture(id: string, name: string): Project {
  const slug = name.toLowerCase().replace(/\s+/g, "-");
  return { id, orgId: ORG_ID, name, slug, environments: [], createdAt: at, updatedAt: at };
}

export function membershipFixture(project: Project, role: IdentityMembership["role"] = "viewer"): IdentityMembership {
  return {
    id: `c3c3c3c3-3333-4333-8333-${project.id.slice(-12)}`,
    identityId: IDENTITY_ID,
    projectId: project.id,
    projectName: project.name,
    projectSlug: project.slug,
    role,
    createdAt: at,
  };
}
