CREATE TABLE "dynamic_secret_leases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"dynamic_secret_id" uuid NOT NULL,
	"status" text NOT NULL,
	"username" text NOT NULL,
	"expire_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"status_details" text,
	"last_error" text,
	"creation_error" text,
	"revoke_attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_by_name" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_type" text,
	"revoked_by_id" text,
	"revoked_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dynamic_secrets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"folder_path" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"secret_access_key_ciphertext" text,
	"app_connection_id" uuid,
	"default_ttl_seconds" integer NOT NULL,
	"max_ttl_seconds" integer,
	"username_template" text,
	"metadata" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleting_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dynamic_secret_leases" ADD CONSTRAINT "dynamic_secret_leases_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dynamic_secret_leases" ADD CONSTRAINT "dynamic_secret_leases_dynamic_secret_id_dynamic_secrets_id_fk" FOREIGN KEY ("dynamic_secret_id") REFERENCES "public"."dynamic_secrets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dynamic_secrets" ADD CONSTRAINT "dynamic_secrets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dynamic_secrets" ADD CONSTRAINT "dynamic_secrets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dynamic_secrets" ADD CONSTRAINT "dynamic_secrets_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dynamic_secrets" ADD CONSTRAINT "dynamic_secrets_app_connection_id_app_connections_id_fk" FOREIGN KEY ("app_connection_id") REFERENCES "public"."app_connections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dynamic_secret_leases_due_idx" ON "dynamic_secret_leases" USING btree ("due_at") WHERE "dynamic_secret_leases"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "dynamic_secret_leases_secret_created_idx" ON "dynamic_secret_leases" USING btree ("dynamic_secret_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dynamic_secret_leases_secret_live_idx" ON "dynamic_secret_leases" USING btree ("dynamic_secret_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status in ('creating', 'active', 'revoking', 'revoke_failed');--> statement-breakpoint
CREATE UNIQUE INDEX "dynamic_secret_leases_live_username_key" ON "dynamic_secret_leases" USING btree ("dynamic_secret_id","username") WHERE status in ('creating', 'active', 'revoking', 'revoke_failed');--> statement-breakpoint
CREATE UNIQUE INDEX "dynamic_secrets_location_name_key" ON "dynamic_secrets" USING btree ("environment_id","folder_path","name");--> statement-breakpoint
CREATE INDEX "dynamic_secrets_org_project_idx" ON "dynamic_secrets" USING btree ("org_id","project_id");--> statement-breakpoint
CREATE INDEX "dynamic_secrets_app_connection_idx" ON "dynamic_secrets" USING btree ("app_connection_id") WHERE "dynamic_secrets"."app_connection_id" is not null;