// For web component tests: connections shaped by the shared response schema.
import type { AppConnection } from "#shared/schemas/app-connections.ts";

export const ORG_ID = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
export const PROJECT_ID = "7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6";
export const ROLE_ARN = "arn:aws:iam::123456789012:role/leasehold";
const at = "2026-12-01T10:00:00.000Z";

export function connectionFixture(overrides: Partial<AppConnection> = {}): AppConnection {
  return {
    id: "a1a1a1a1-1111-4111-8111-111111111111",
    name: "prod-aws",
    description: null,
    projectId: null,
    orgId: ORG_ID,
    version: 1,
    app: "aws",
    method: "assume-role",
    credentials: { roleArn: ROLE_ARN, stsEndpoint: null },
    externalId: ORG_ID,
    status: "connected",
    statusMessage: null,
    identityArn: "arn:aws:sts::123456789012:assumed-role/leasehold/leasehold-a1a1",
    lastCheckedAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const accessKeyConnectionFixture = (overrides: Partial<AppConnection> = {}) =>
  connectionFixture({
    name: "ci-keys",
    method: "access-key",
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE" },
    externalId: null,
    identityArn: "arn:aws:iam::123456789012:user/ci",
    ...overrides,
  });
