/**
 * The deny that makes a revoked STS session stop working (decision 0801): one inline policy named
 * `leasehold-revoked-sessions` on the role (or, for federation tokens, on the base user) that denies every
 * action to the revoked sessions' `aws:userid`. The list is rendered from the lease rows, never edited in
 * place, so two revokes at once cannot lose each other's entry, and entries past their expiry fall out.
 */
export const REVOKED_SESSIONS_POLICY = "leasehold-revoked-sessions";

/** IAM's size limits for inline policies, without whitespace: all of a role's together, all of a user's. */
export const INLINE_POLICY_LIMITS = { role: 10_240, user: 2048 } as const;

export function revokedSessionsPolicy(userIds: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "LeaseholdRevokedSessions",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:userid": [...new Set(userIds)].sort() } },
      },
    ],
  });
}

/** The user IDs an existing policy denies (empty when it is not ours or not parseable). */
export function deniedUserIds(document: string | undefined): string[] {
  if (!document) return [];
  try {
    const parsed = JSON.parse(decodeURIComponent(document)) as {
      Statement?: { Condition?: { StringEquals?: { "aws:userid"?: string[] | string } } }[];
    };
    const ids = parsed.Statement?.[0]?.Condition?.StringEquals?.["aws:userid"];
    return Array.isArray(ids) ? ids : typeof ids === "string" ? [ids] : [];
  } catch {
    return [];
  }
}

/** Where a deny is written: `role:<name>` or `user:<name>`. */
export type DenyTarget = { kind: "role" | "user"; name: string };
export const denyTargetKey = (target: DenyTarget) => `${target.kind}:${target.name}`;
export function parseDenyTarget(key: string): DenyTarget | null {
  const [kind, ...rest] = key.split(":");
  const name = rest.join(":");
  return (kind === "role" || kind === "user") && name ? { kind, name } : null;
}
