import { projectOverviewQuerySchema, projectOverviewResponseSchema } from "#shared/schemas/project-overview.ts";
import {
  addProjectMembershipInputSchema,
  createEnvironmentInputSchema,
  createProjectInputSchema,
  environmentResponseSchema,
  listProjectMembershipsResponseSchema,
  listProjectsQuerySchema,
  listProjectsResponseSchema,
  projectMembershipResponseSchema,
  projectResponseSchema,
  updateEnvironmentInputSchema,
  updateProjectInputSchema,
  updateProjectMembershipInputSchema,
  workspaceResponseSchema,
} from "#shared/schemas/projects.ts";
import { route } from "../route.ts";

/** Projects, their environments and their people. */
export const projectRoutes = {
  list: route("GET", "/api/v1/projects", {
    operationId: "listProjects",
    query: listProjectsQuerySchema,
    response: listProjectsResponseSchema,
  }),
  create: route("POST", "/api/v1/projects", {
    operationId: "createProject",
    body: createProjectInputSchema,
    response: projectResponseSchema,
  }),
  get: route("GET", "/api/v1/projects/{projectId}", { operationId: "getProject", response: projectResponseSchema }),
  /** Infisical's name for a project, which its CLI reads. */
  workspace: route("GET", "/api/v1/workspace/{projectId}", {
    operationId: "getWorkspace",
    response: workspaceResponseSchema,
  }),
  /** Next steps with their state, each environment's counts and recent activity. */
  overview: route("GET", "/api/v1/projects/{projectId}/overview", {
    operationId: "getProjectOverview",
    query: projectOverviewQuerySchema,
    response: projectOverviewResponseSchema,
  }),
  update: route("PATCH", "/api/v1/projects/{projectId}", {
    operationId: "updateProject",
    body: updateProjectInputSchema,
    response: projectResponseSchema,
  }),
  delete: route("DELETE", "/api/v1/projects/{projectId}", {
    operationId: "deleteProject",
    response: projectResponseSchema,
  }),
  createEnvironment: route("POST", "/api/v1/projects/{projectId}/environments", {
    operationId: "createEnvironment",
    body: createEnvironmentInputSchema,
    response: environmentResponseSchema,
  }),
  updateEnvironment: route("PATCH", "/api/v1/projects/{projectId}/environments/{environmentId}", {
    operationId: "updateEnvironment",
    body: updateEnvironmentInputSchema,
    response: environmentResponseSchema,
  }),
  deleteEnvironment: route("DELETE", "/api/v1/projects/{projectId}/environments/{environmentId}", {
    operationId: "deleteEnvironment",
    response: environmentResponseSchema,
  }),
  listMemberships: route("GET", "/api/v1/projects/{projectId}/memberships", {
    operationId: "listProjectMemberships",
    response: listProjectMembershipsResponseSchema,
  }),
  addMembership: route("POST", "/api/v1/projects/{projectId}/memberships", {
    operationId: "addProjectMembership",
    body: addProjectMembershipInputSchema,
    response: projectMembershipResponseSchema,
  }),
  updateMembership: route("PATCH", "/api/v1/projects/{projectId}/memberships/{membershipId}", {
    operationId: "updateProjectMembership",
    body: updateProjectMembershipInputSchema,
    response: projectMembershipResponseSchema,
  }),
  removeMembership: route("DELETE", "/api/v1/projects/{projectId}/memberships/{membershipId}", {
    operationId: "removeProjectMembership",
    response: projectMembershipResponseSchema,
  }),
};
