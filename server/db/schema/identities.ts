import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, organizations, updatedAt } from "./people.ts";

/** Machine identities: an org role, project memberships (project_memberships.identity_id), auth methods and tokens. */
export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "member"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("identities_org_name_key").on(t.orgId, t.name),
    index("identities_org_created_idx").on(t.orgId, t.createdAt),
  ],
);

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** AWS Auth of one identity (at most one). Nothing here is secret: it is a set of rules. */
export const identityAwsAuths = pgTable(
  "identity_aws_auths",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    /** Normalised https URL of an AWS STS host (shared/sts-endpoint.ts). */
    stsEndpoint: text("sts_endpoint").notNull(),
    allowedPrincipalArns: text("allowed_principal_arns").notNull().default(""),
    allowedAccountIds: text("allowed_account_ids").notNull().default(""),
    accessTokenTTL: integer("access_token_ttl").notNull(),
    accessTokenMaxTTL: integer("access_token_max_ttl").notNull(),
    accessTokenNumUsesLimit: integer("access_token_num_uses_limit").notNull(),
    accessTokenTrustedIps: jsonb("access_token_trusted_ips").$type<{ ipAddress: string }[]>().notNull(),
    serverIdHeader: boolean("server_id_header").notNull().default(false),
    /** Exact role and user entries → the unique ID they are bound to (modules/aws-auth/principal-bindings.ts). */
    principalBindings: jsonb("principal_bindings")
      .$type<Record<string, { uniqueId: string; how: "iam" | "first-login"; boundAt: string }>>()
      .notNull()
      .default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("identity_aws_auths_identity_key").on(t.identityId),
    index("identity_aws_auths_org_idx").on(t.orgId),
  ],
);

/**
 * The token policy of one auth method of one identity: what its tokens live by. The auth
 * method fills it in (in the transaction that saves its config), and the bearer check reads
 * it, so the check knows no auth method and a second method needs no change to it.
 */
export const identityTokenPolicies = pgTable(
  "identity_token_policies",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    authMethod: text("auth_method", { enum: ["aws-auth"] }).notNull(),
    accessTokenTTL: integer("access_token_ttl").notNull(),
    accessTokenMaxTTL: integer("access_token_max_ttl").notNull(),
    accessTokenNumUsesLimit: integer("access_token_num_uses_limit").notNull(),
    accessTokenTrustedIps: jsonb("access_token_trusted_ips").$type<{ ipAddress: string }[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("identity_token_policies_identity_method_key").on(t.identityId, t.authMethod),
    index("identity_token_policies_org_idx").on(t.orgId),
  ],
);

/**
 * Access tokens issued to identities. Only the SHA-256 of a token is stored. TTLs and the
 * uses limit are copied at issuance, so a later config change cannot lengthen a token's life;
 * trusted IPs are read from the token's policy, so tightening them applies at once. A token
 * whose policy is gone (its auth method was detached) cannot be used.
 */
export const identityAccessTokens = pgTable(
  "identity_access_tokens",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id")
      .notNull()
      .references(() => identities.id, { onDelete: "cascade" }),
    authMethod: text("auth_method", { enum: ["aws-auth"] }).notNull(),
    tokenPolicyId: uuid("token_policy_id").references(() => identityTokenPolicies.id, { onDelete: "set null" }),
    tokenHash: text("token_hash").notNull(),
    accessTokenTTL: integer("access_token_ttl").notNull(),
    accessTokenMaxTTL: integer("access_token_max_ttl").notNull(),
    /** Counted by one atomic UPDATE per use; never reset, not even by renewal. */
    numUses: bigint("num_uses", { mode: "number" }).notNull().default(0),
    numUsesLimit: integer("num_uses_limit").notNull().default(0),
    /** The principal AWS vouched for at login, and where the login came from. */
    principalArn: text("principal_arn"),
    sourceIp: text("source_ip"),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
    lastRenewedAt: at("last_renewed_at"),
    expiresAt: at("expires_at").notNull(),
    /** createdAt + max TTL: no renewal goes past it. */
    maxExpiresAt: at("max_expires_at").notNull(),
    revokedAt: at("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [
    uniqueIndex("identity_access_tokens_hash_key").on(t.tokenHash),
    index("identity_access_tokens_identity_created_idx").on(t.identityId, t.createdAt.desc()),
    index("identity_access_tokens_max_expires_idx").on(t.maxExpiresAt),
  ],
);
