import type { AnyRoute } from "../route.ts";
import { appConnectionRoutes } from "./app-connections.ts";
import { auditRoutes } from "./audit.ts";
import { authRoutes } from "./auth.ts";
import { awsAuthRoutes } from "./aws-auth.ts";
import { dynamicSecretRoutes } from "./dynamic-secrets.ts";
import { identityRoutes } from "./identities.ts";
import { leaseRoutes } from "./leases.ts";
import { memberRoutes } from "./members.ts";
import { projectRoutes } from "./projects.ts";
import { tokenRoutes } from "./tokens.ts";

/**
 * Every route of the OpenAPI document, for checks that walk them all (the contract test). Callers import the one
 * table they need instead: a dashboard page then downloads only its own domain's schemas.
 */
export const documentedRoutes: readonly AnyRoute[] = [
  authRoutes,
  memberRoutes,
  projectRoutes,
  auditRoutes,
  identityRoutes,
  awsAuthRoutes,
  tokenRoutes,
  appConnectionRoutes,
  dynamicSecretRoutes,
  leaseRoutes,
].flatMap((table) => Object.values(table));
