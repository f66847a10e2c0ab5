import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One-time signatures: each signed GetCallerIdentity that yielded a token, by the SHA-256 of
 * its SigV4 signature, kept until it falls out of the freshness window. The primary key makes
 * a second use fail on any instance sharing the database. No org: the row is housekeeping,
 * keyed by an unguessable hash, like a token lookup.
 */
export const awsAuthUsedSignatures = pgTable(
  "aws_auth_used_signatures",
  {
    signatureHash: text("signature_hash").primaryKey(),
    /** The request's X-Amz-Date. */
    signedAt: at("signed_at").notNull(),
    /** After this, the freshness check refuses the request anyway, so the row can go. */
    keepUntil: at("keep_until").notNull(),
  },
  (t) => [index("aws_auth_used_signatures_keep_until_idx").on(t.keepUntil)],
);
