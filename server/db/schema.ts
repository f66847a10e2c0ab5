// The one Drizzle schema. Each domain keeps its tables in db/schema/<domain>.ts.

export * from "./schema/app-connections.ts";
export * from "./schema/audit.ts";
export * from "./schema/aws-auth-login.ts";
export * from "./schema/dynamic-secrets.ts";
export * from "./schema/identities.ts";
export * from "./schema/people.ts";
export * from "./schema/projects.ts";
