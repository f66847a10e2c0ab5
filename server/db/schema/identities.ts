import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, organizations, updatedAt } from "./people.ts";

/** Machine identities (issue 3 adds their auth methods and tokens). */
export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "member"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("identities_org_name_key").on(t.orgId, t.name), index("identities_org_created_idx").on(t.orgId, t.createdAt)],
);
