import type { AwsIamCredentialType } from "#shared/schemas/dynamic-secrets.ts";
import type { LeaseCredentials } from "#shared/schemas/leases.ts";
import { AppError } from "../../../lib/http/errors.ts";
import type { AwsContext } from "../dynamic-secret-aws.ts";
import type { DynamicSecretConfig } from "../dynamic-secret-config.ts";
import type { LeaseRow } from "../leases/leases.repo.ts";

/**
 * What a kind of dynamic-secret credential does for the lease machinery (docs/decisions/0800-provider-seam.md),
 * after Vault's `framework.Secret`: create, revoke (idempotent), renew or not, and its own words. The state
 * machine (intent row, compensation, recovery, expiry, force revoke, audit) lives in `leases/` and knows no
 * more of a provider than this.
 */
export interface DynamicSecretProvider {
  readonly credentialType: AwsIamCredentialType;
  /** Issues the credentials of one lease. Throws a ProviderFailure (or an AppError, for nothing created). */
  create(request: CreateRequest): Promise<IssuedCredentials>;
  /**
   * Undoes a lease at AWS, or proves there is nothing to undo; safe to call again. Throws an AppError when AWS
   * refused or failed (the lease then goes to revoke_failed and is retried).
   */
  revoke(request: RevokeRequest): Promise<RevokeOutcome>;
  /** The shortest lease the credentials can have, when AWS sets one (STS: 15 minutes). */
  readonly minTtlSeconds?: number;
  /** null when a renewal extends the lease; otherwise why it cannot be extended (the lease ID is prefixed). */
  readonly renewRefusal: string | null;
  /** The provider's sentences for the lease history. */
  readonly words: ProviderWords;
}

interface CreateRequest {
  config: DynamicSecretConfig;
  /** The intent row: its ID, rendered name (`username`) and planned expiry. */
  lease: LeaseRow;
  ttlSeconds: number;
  /** Who asked, as a name (an email or a machine identity's name), for CloudTrail where AWS takes one. */
  requester: string;
  ctx: AwsContext;
}

export interface IssuedCredentials {
  /** Shown once, in the create response; never stored. */
  data: LeaseCredentials;
  /** The provider's entity ID shown as the lease's externalEntityId; the rendered name when null. */
  externalEntityId: string | null;
  /** What revoke needs later, stored with the lease. No secret ever goes here. */
  cleanup: LeaseCleanup | null;
  /** When AWS itself ends the credentials (STS `Expiration`); the lease then ends exactly there. */
  expireAt?: Date;
  /** Said on the lease from the start (for example: cannot be revoked at AWS). */
  statusDetails?: string | null;
}

/** JSON that revoke reads back: one shape per provider, tagged by `kind`. */
type LeaseCleanup = NonNullable<LeaseRow["cleanup"]>;

/** Why a lease is being undone: revoke on request or at deletion, expiry, or a create that did not finish. */
export type RevokeReason = "revoke" | "expiry" | "abandoned";

export interface RevokeRequest {
  config: DynamicSecretConfig;
  lease: LeaseRow;
  reason: RevokeReason;
  /** Who is revoking, as the history names them. */
  actorName: string;
  ctx: AwsContext;
}

export interface RevokeOutcome {
  /** A short code for the audit log: deleted, absent, not-ours, denied, expired-at-aws, not-enforceable … */
  outcome: string;
  /** What happened at AWS, in one or two sentences for the lease's history. */
  sentence: string;
}

interface ProviderWords {
  /** The thing a lease holds at AWS, in words ("IAM user", "session"). */
  entity: string;
  /** Said when a create failed before anything existed at AWS. */
  nothingCreated: string;
  /** Said when a live lease already uses the rendered name. */
  nameInUse(name: string): string;
  /** Said when the lease was taken over while AWS was creating its credentials (they have been undone). */
  cancelled: string;
  /** Said on a force revoke whose AWS cleanup was not confirmed. */
  mayRemain(lease: LeaseRow): string;
}

/** A create failed: the answer to give, and whether something may exist at AWS that must be cleaned up. */
export class ProviderFailure extends Error {
  constructor(
    readonly error: AppError,
    readonly entityMayExist: boolean,
  ) {
    super(error.message);
    this.name = "ProviderFailure";
  }
}

export type ProviderRegistry = (config: DynamicSecretConfig) => DynamicSecretProvider;

/** One provider per credential type; the type is stored in the secret's inputs. */
export function providerRegistry(providers: readonly DynamicSecretProvider[]): ProviderRegistry {
  const byType = new Map(providers.map((p) => [p.credentialType, p]));
  return (config) => {
    const provider = byType.get(config.inputs.credentialType);
    if (!provider) throw new Error(`No provider for the credential type ${config.inputs.credentialType}`);
    return provider;
  };
}

/**
 * A lease's answer for an AWS failure: outages are 502 whatever the flavour;
 * a missing entity is a fix in the settings, so 400.
 */
export function asLeaseStatus(error: AppError): AppError {
  if (error.status >= 500) return new AppError(502, error.code, error.message, error.extra);
  if (error.status === 404 && error.code.startsWith("aws_"))
    return new AppError(400, error.code, error.message, error.extra);
  return error;
}
