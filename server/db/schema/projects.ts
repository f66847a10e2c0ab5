import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { identities } from "./identities.ts";
import { createdAt, organizations, updatedAt, users } from "./people.ts";

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("projects_org_slug_key").on(t.orgId, t.slug)],
);

export const environments = pgTable(
  "environments",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    position: integer("position").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("environments_project_slug_key").on(t.projectId, t.slug)],
);

export const projectMemberships = pgTable(
  "project_memberships",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** Exactly one of userId and identityId is set: people and machines share one membership model. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").references(() => identities.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "developer", "viewer"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("project_memberships_project_user_key").on(t.projectId, t.userId),
    uniqueIndex("project_memberships_project_identity_key").on(t.projectId, t.identityId),
    index("project_memberships_user_idx").on(t.userId),
    index("project_memberships_identity_idx").on(t.identityId),
    check("project_memberships_one_principal", sql`(${t.userId} is null) <> (${t.identityId} is null)`),
  ],
);
