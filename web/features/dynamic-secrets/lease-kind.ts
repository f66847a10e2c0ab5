import type { DynamicSecret } from "#shared/schemas/dynamic-secrets.ts";

/** Whether a secret's leases are STS sessions (credentialType "temporary-credentials") rather than IAM users. */
export const isTemporary = (secret: Pick<DynamicSecret, "inputs">) =>
  secret.inputs.credentialType === "temporary-credentials";

/** The dashboard's words for what a lease of this secret is, so no screen says "IAM user" of a session. */
export function leaseWords(secret: Pick<DynamicSecret, "inputs">) {
  if (!isTemporary(secret))
    return {
      kind: "IAM user",
      list: "Each lease is an IAM user; Leasehold deletes it at expiry or when revoked.",
      generate: "Leasehold creates an IAM user now and deletes it when the lease expires.",
      revoke: (name: string) =>
        `Leasehold deletes the IAM user ${name} with its keys, groups and policies. ` +
        "Anything using these credentials stops working at once.",
      revoked: (name: string) => `The IAM user ${name} was deleted.`,
    };
  const revocable = secret.inputs.appConnectionId || secret.inputs.method !== "access-key";
  return {
    kind: "temporary credentials",
    list: "Each lease is an STS session that AWS ends at expiry; revoking it denies the session at AWS.",
    generate: "AWS issues temporary credentials now (15 minutes at least); they cannot be renewed.",
    revoke: (name: string) =>
      revocable
        ? `Leasehold denies the session ${name} at AWS (an inline deny on the role or ` +
          "user). Anything using these credentials stops working at once."
        : "AWS cannot revoke GetSessionToken credentials: Leasehold ends the lease, but the " +
          `credentials of ${name} stay valid until they expire.`,
    revoked: () => "Leasehold recorded the revocation; the lease's history says what AWS did.",
  };
}

export const credentialTypeLabel = (secret: Pick<DynamicSecret, "inputs">) =>
  isTemporary(secret) ? "temporary credentials" : "IAM user";
