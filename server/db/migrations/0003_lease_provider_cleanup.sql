ALTER TABLE "dynamic_secret_leases" ADD COLUMN "external_entity_id" text;--> statement-breakpoint
ALTER TABLE "dynamic_secret_leases" ADD COLUMN "cleanup" jsonb;--> statement-breakpoint
CREATE INDEX "dynamic_secret_leases_deny_at_idx" ON "dynamic_secret_leases" USING btree (("cleanup"->>'denyAt'),"expire_at") WHERE ("dynamic_secret_leases"."cleanup"->>'denyAt') is not null;