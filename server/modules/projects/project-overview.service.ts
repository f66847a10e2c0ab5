import type { ProjectOverview } from "#shared/schemas/project-overview.ts";
import type { RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import type { ProjectOverviewRepo } from "./project-overview.repo.ts";
import type { ProjectsService } from "./projects.service.ts";

/**
 * A project's overview page: its first-run steps, each environment's counts and its recent activity. Anyone who
 * can read the project sees it (docs/decisions/1270-project-overview.md): the activity leaves out the IP
 * addresses, user agents and metadata that only the organisation's audit log shows.
 */
export function createProjectOverviewService(deps: {
  db: Db;
  repo: ProjectOverviewRepo;
  projects: Pick<ProjectsService, "authorize">;
}) {
  return {
    async get(ctx: RequestContext, projectId: string, query: { activityLimit: number }): Promise<ProjectOverview> {
      const project = await deps.projects.authorize(ctx.actor, projectId, "project.read");
      const row = await deps.repo.find(deps.db, project.orgId, project.id, query.activityLimit);
      return {
        projectId: project.id,
        setup: {
          appConnections: row.appConnections,
          connectedAppConnections: row.connectedAppConnections,
          dynamicSecrets: row.dynamicSecrets,
          identities: row.identities,
          hasLeases: row.hasLeases,
        },
        environments: row.environments,
        recentActivity: row.activity.map((entry) => ({
          ...entry,
          createdAt: new Date(entry.createdAt).toISOString(),
        })),
      };
    },
  };
}
export type ProjectOverviewService = ReturnType<typeof createProjectOverviewService>;
