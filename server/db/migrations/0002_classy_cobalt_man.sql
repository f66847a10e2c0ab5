CREATE TABLE "identity_access_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"auth_method" text NOT NULL,
	"token_hash" text NOT NULL,
	"access_token_ttl" integer NOT NULL,
	"access_token_max_ttl" integer NOT NULL,
	"num_uses" bigint DEFAULT 0 NOT NULL,
	"num_uses_limit" integer DEFAULT 0 NOT NULL,
	"principal_arn" text,
	"source_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_renewed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"max_expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "identity_aws_auths" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"sts_endpoint" text NOT NULL,
	"allowed_principal_arns" text DEFAULT '' NOT NULL,
	"allowed_account_ids" text DEFAULT '' NOT NULL,
	"access_token_ttl" integer NOT NULL,
	"access_token_max_ttl" integer NOT NULL,
	"access_token_num_uses_limit" integer NOT NULL,
	"access_token_trusted_ips" jsonb NOT NULL,
	"server_id_header" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_access_tokens" ADD CONSTRAINT "identity_access_tokens_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_access_tokens" ADD CONSTRAINT "identity_access_tokens_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_aws_auths" ADD CONSTRAINT "identity_aws_auths_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_aws_auths" ADD CONSTRAINT "identity_aws_auths_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_access_tokens_hash_key" ON "identity_access_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "identity_access_tokens_identity_created_idx" ON "identity_access_tokens" USING btree ("identity_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "identity_access_tokens_max_expires_idx" ON "identity_access_tokens" USING btree ("max_expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_aws_auths_identity_key" ON "identity_aws_auths" USING btree ("identity_id");--> statement-breakpoint
CREATE INDEX "identity_aws_auths_org_idx" ON "identity_aws_auths" USING btree ("org_id");