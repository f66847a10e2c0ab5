import { z } from "zod";
import { actorTypeSchema } from "./audit.ts";
import { timestampSchema } from "./common.ts";

const countSchema = z.number().int().min(0);

export const projectOverviewQuerySchema = z.object({
  /** How many of the newest audit records to return as recent activity. */
  activityLimit: z.coerce.number().int().min(1).max(50).default(10),
});

/**
 * One audit record of the project, as its members see it: who did what and when. The request's IP address,
 * user agent and the record's metadata are for the organisation's audit log only (org admins).
 */
const projectActivitySchema = z.object({
  id: z.uuid(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  actorType: actorTypeSchema,
  actorName: z.string(),
  /** What the action was about, when the record names it: a dynamic secret, an identity, an environment. */
  subject: z.string().nullable(),
  createdAt: timestampSchema,
});
export type ProjectActivity = z.infer<typeof projectActivitySchema>;

const environmentCountsSchema = z.object({
  environmentId: z.uuid(),
  dynamicSecrets: countSchema,
  /** Leases whose credentials are handed out and not yet expired or revoked. */
  activeLeases: countSchema,
  /** Leases whose revocation failed and is being retried: credentials may still work in AWS. */
  failedRevocations: countSchema,
});
export type EnvironmentCounts = z.infer<typeof environmentCountsSchema>;

const projectOverviewSchema = z.object({
  projectId: z.uuid(),
  /** What the first-run steps need to know: has each been done in this project? */
  setup: z.object({
    /** App connections this project can use: its own and the organisation's. */
    appConnections: countSchema,
    /** Of those, the ones whose last check with AWS worked. */
    connectedAppConnections: countSchema,
    dynamicSecrets: countSchema,
    /** Machine identities with a membership in this project. */
    identities: countSchema,
    /** Whether any dynamic secret of the project has ever issued a lease (that is still on record). */
    hasLeases: z.boolean(),
  }),
  /** One entry per environment of the project, zeros included. */
  environments: z.array(environmentCountsSchema),
  /** The newest audit records of the project, newest first. */
  recentActivity: z.array(projectActivitySchema),
});
export type ProjectOverview = z.infer<typeof projectOverviewSchema>;

export const projectOverviewResponseSchema = z.object({ overview: projectOverviewSchema });
