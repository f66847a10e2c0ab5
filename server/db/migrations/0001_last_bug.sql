CREATE TABLE "app_connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid,
	"app" text DEFAULT 'aws' NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"method" text NOT NULL,
	"role_arn" text,
	"sts_endpoint" text,
	"access_key_id" text,
	"secret_access_key_ciphertext" text,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"status_message" text,
	"identity_arn" text,
	"last_checked_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_connections_method_fields" CHECK (("app_connections"."method" = 'assume-role' and "app_connections"."role_arn" is not null and "app_connections"."access_key_id" is null and "app_connections"."secret_access_key_ciphertext" is null)
       or ("app_connections"."method" = 'access-key' and "app_connections"."role_arn" is null and "app_connections"."sts_endpoint" is null and "app_connections"."access_key_id" is not null and "app_connections"."secret_access_key_ciphertext" is not null))
);
--> statement-breakpoint
ALTER TABLE "app_connections" ADD CONSTRAINT "app_connections_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_connections" ADD CONSTRAINT "app_connections_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "app_connections_org_name_key" ON "app_connections" USING btree ("org_id","name") WHERE "app_connections"."project_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "app_connections_project_name_key" ON "app_connections" USING btree ("project_id","name") WHERE "app_connections"."project_id" is not null;--> statement-breakpoint
CREATE INDEX "app_connections_org_project_idx" ON "app_connections" USING btree ("org_id","project_id");