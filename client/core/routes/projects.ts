import type { projectOverviewQuerySchema } from "#shared/schemas/project-overview.ts";
import type {
  addProjectMembershipInputSchema,
  createEnvironmentInputSchema,
  createProjectInputSchema,
  listProjectsQuerySchema,
  updateEnvironmentInputSchema,
  updateProjectInputSchema,
  updateProjectMembershipInputSchema,
} from "#shared/schemas/projects.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

const project = lazySchema(() => import("#shared/schemas/projects.ts").then((m) => m.projectResponseSchema));
const environment = lazySchema(() => import("#shared/schemas/projects.ts").then((m) => m.environmentResponseSchema));
const membership = lazySchema(() =>
  import("#shared/schemas/projects.ts").then((m) => m.projectMembershipResponseSchema),
);

/** Projects, their environments and their people. */
export const projectRoutes = {
  list: route("GET", "/api/v1/projects", {
    operationId: "listProjects",
    query: typeOf<typeof listProjectsQuerySchema>(),
    response: lazySchema(() => import("#shared/schemas/projects.ts").then((m) => m.listProjectsResponseSchema)),
  }),
  create: route("POST", "/api/v1/projects", {
    operationId: "createProject",
    body: typeOf<typeof createProjectInputSchema>(),
    response: project,
  }),
  get: route("GET", "/api/v1/projects/{projectId}", { operationId: "getProject", response: project }),
  /** Infisical's name for a project, which its CLI reads. */
  workspace: route("GET", "/api/v1/workspace/{projectId}", {
    operationId: "getWorkspace",
    response: lazySchema(() => import("#shared/schemas/projects.ts").then((m) => m.workspaceResponseSchema)),
  }),
  /** Next steps with their state, each environment's counts and recent activity. */
  overview: route("GET", "/api/v1/projects/{projectId}/overview", {
    operationId: "getProjectOverview",
    query: typeOf<typeof projectOverviewQuerySchema>(),
    response: lazySchema(() =>
      import("#shared/schemas/project-overview.ts").then((m) => m.projectOverviewResponseSchema),
    ),
  }),
  update: route("PATCH", "/api/v1/projects/{projectId}", {
    operationId: "updateProject",
    body: typeOf<typeof updateProjectInputSchema>(),
    response: project,
  }),
  delete: route("DELETE", "/api/v1/projects/{projectId}", { operationId: "deleteProject", response: project }),
  createEnvironment: route("POST", "/api/v1/projects/{projectId}/environments", {
    operationId: "createEnvironment",
    body: typeOf<typeof createEnvironmentInputSchema>(),
    response: environment,
  }),
  updateEnvironment: route("PATCH", "/api/v1/projects/{projectId}/environments/{environmentId}", {
    operationId: "updateEnvironment",
    body: typeOf<typeof updateEnvironmentInputSchema>(),
    response: environment,
  }),
  deleteEnvironment: route("DELETE", "/api/v1/projects/{projectId}/environments/{environmentId}", {
    operationId: "deleteEnvironment",
    response: environment,
  }),
  listMemberships: route("GET", "/api/v1/projects/{projectId}/memberships", {
    operationId: "listProjectMemberships",
    response: lazySchema(() =>
      import("#shared/schemas/projects.ts").then((m) => m.listProjectMembershipsResponseSchema),
    ),
  }),
  addMembership: route("POST", "/api/v1/projects/{projectId}/memberships", {
    operationId: "addProjectMembership",
    body: typeOf<typeof addProjectMembershipInputSchema>(),
    response: membership,
  }),
  updateMembership: route("PATCH", "/api/v1/projects/{projectId}/memberships/{membershipId}", {
    operationId: "updateProjectMembership",
    body: typeOf<typeof updateProjectMembershipInputSchema>(),
    response: membership,
  }),
  removeMembership: route("DELETE", "/api/v1/projects/{projectId}/memberships/{membershipId}", {
    operationId: "removeProjectMembership",
    response: membership,
  }),
};
