CREATE TABLE "aws_auth_used_signatures" (
	"signature_hash" text PRIMARY KEY NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"keep_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_token_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"auth_method" text NOT NULL,
	"access_token_ttl" integer NOT NULL,
	"access_token_max_ttl" integer NOT NULL,
	"access_token_num_uses_limit" integer NOT NULL,
	"access_token_trusted_ips" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_access_tokens" ADD COLUMN "token_policy_id" uuid;--> statement-breakpoint
ALTER TABLE "identity_token_policies" ADD CONSTRAINT "identity_token_policies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_token_policies" ADD CONSTRAINT "identity_token_policies_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aws_auth_used_signatures_keep_until_idx" ON "aws_auth_used_signatures" USING btree ("keep_until");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_token_policies_identity_method_key" ON "identity_token_policies" USING btree ("identity_id","auth_method");--> statement-breakpoint
CREATE INDEX "identity_token_policies_org_idx" ON "identity_token_policies" USING btree ("org_id");--> statement-breakpoint
ALTER TABLE "identity_access_tokens" ADD CONSTRAINT "identity_access_tokens_token_policy_id_identity_token_policies_id_fk" FOREIGN KEY ("token_policy_id") REFERENCES "public"."identity_token_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Data: every AWS Auth config gets its token policy (same ID), and every token its policy.
INSERT INTO "identity_token_policies" ("id", "org_id", "identity_id", "auth_method", "access_token_ttl", "access_token_max_ttl", "access_token_num_uses_limit", "access_token_trusted_ips", "updated_at")
SELECT "id", "org_id", "identity_id", 'aws-auth', "access_token_ttl", "access_token_max_ttl", "access_token_num_uses_limit", "access_token_trusted_ips", "updated_at" FROM "identity_aws_auths";--> statement-breakpoint
UPDATE "identity_access_tokens" AS t SET "token_policy_id" = p."id" FROM "identity_token_policies" AS p
WHERE p."identity_id" = t."identity_id" AND p."auth_method" = t."auth_method";
