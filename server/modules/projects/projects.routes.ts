import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
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
import { createRouter, errorResponses, jsonBody, jsonResponse, requestContext } from "../../lib/http/router.ts";
import type { ProjectsService } from "./projects.service.ts";

const projectParams = z.object({ projectId: z.uuid() });
const environmentParams = projectParams.extend({ environmentId: z.uuid() });
const membershipParams = projectParams.extend({ membershipId: z.uuid() });
const r = errorResponses;

const routes = {
  list: createRoute({
    method: "get",
    path: "/projects",
    operationId: "listProjects",
    tags: ["Projects"],
    summary: "List the projects you can see",
    request: { query: listProjectsQuerySchema },
    responses: { 200: jsonResponse(listProjectsResponseSchema, "A page of projects"), ...r },
  }),
  create: createRoute({
    method: "post",
    path: "/projects",
    operationId: "createProject",
    tags: ["Projects"],
    summary: "Create a project with dev, staging and prod",
    request: { body: jsonBody(createProjectInputSchema) },
    responses: { 200: jsonResponse(projectResponseSchema, "The new project"), ...r },
  }),
  get: createRoute({
    method: "get",
    path: "/projects/{projectId}",
    operationId: "getProject",
    tags: ["Projects"],
    summary: "Get a project",
    request: { params: projectParams },
    responses: { 200: jsonResponse(projectResponseSchema, "The project"), ...r },
  }),
  getWorkspace: createRoute({
    method: "get",
    path: "/workspace/{projectId}",
    operationId: "getWorkspace",
    tags: ["Projects"],
    summary: "Get a project in Infisical's shape (the lookup Infisical's CLI makes first)",
    request: { params: projectParams },
    responses: { 200: jsonResponse(workspaceResponseSchema, "The project, as `workspace`"), ...r },
  }),
  update: createRoute({
    method: "patch",
    path: "/projects/{projectId}",
    operationId: "updateProject",
    tags: ["Projects"],
    summary: "Rename a project or change its slug",
    request: { params: projectParams, body: jsonBody(updateProjectInputSchema) },
    responses: { 200: jsonResponse(projectResponseSchema, "The project"), ...r },
  }),
  remove: createRoute({
    method: "delete",
    path: "/projects/{projectId}",
    operationId: "deleteProject",
    tags: ["Projects"],
    summary: "Delete a project",
    request: { params: projectParams },
    responses: { 200: jsonResponse(projectResponseSchema, "The deleted project"), ...r },
  }),
  createEnvironment: createRoute({
    method: "post",
    path: "/projects/{projectId}/environments",
    operationId: "createEnvironment",
    tags: ["Environments"],
    summary: "Add an environment",
    request: { params: projectParams, body: jsonBody(createEnvironmentInputSchema) },
    responses: { 200: jsonResponse(environmentResponseSchema, "The environment"), ...r },
  }),
  updateEnvironment: createRoute({
    method: "patch",
    path: "/projects/{projectId}/environments/{environmentId}",
    operationId: "updateEnvironment",
    tags: ["Environments"],
    summary: "Rename an environment",
    request: { params: environmentParams, body: jsonBody(updateEnvironmentInputSchema) },
    responses: { 200: jsonResponse(environmentResponseSchema, "The environment"), ...r },
  }),
  removeEnvironment: createRoute({
    method: "delete",
    path: "/projects/{projectId}/environments/{environmentId}",
    operationId: "deleteEnvironment",
    tags: ["Environments"],
    summary: "Delete an environment",
    request: { params: environmentParams },
    responses: { 200: jsonResponse(environmentResponseSchema, "The deleted environment"), ...r },
  }),
  listMemberships: createRoute({
    method: "get",
    path: "/projects/{projectId}/memberships",
    operationId: "listProjectMemberships",
    tags: ["Project members"],
    summary: "List the people in a project",
    request: { params: projectParams },
    responses: { 200: jsonResponse(listProjectMembershipsResponseSchema, "The project's people"), ...r },
  }),
  addMembership: createRoute({
    method: "post",
    path: "/projects/{projectId}/memberships",
    operationId: "addProjectMembership",
    tags: ["Project members"],
    summary: "Add a person to a project",
    request: { params: projectParams, body: jsonBody(addProjectMembershipInputSchema) },
    responses: { 200: jsonResponse(projectMembershipResponseSchema, "The membership"), ...r },
  }),
  updateMembership: createRoute({
    method: "patch",
    path: "/projects/{projectId}/memberships/{membershipId}",
    operationId: "updateProjectMembership",
    tags: ["Project members"],
    summary: "Change a person's project role",
    request: { params: membershipParams, body: jsonBody(updateProjectMembershipInputSchema) },
    responses: { 200: jsonResponse(projectMembershipResponseSchema, "The membership"), ...r },
  }),
  removeMembership: createRoute({
    method: "delete",
    path: "/projects/{projectId}/memberships/{membershipId}",
    operationId: "removeProjectMembership",
    tags: ["Project members"],
    summary: "Remove a person from a project",
    request: { params: membershipParams },
    responses: { 200: jsonResponse(projectMembershipResponseSchema, "The removed membership"), ...r },
  }),
};

export function projectRoutes(projects: ProjectsService) {
  return createRouter()
    .openapi(routes.list, async (c) => c.json(await projects.list(requestContext(c), c.req.valid("query")), 200))
    .openapi(routes.create, async (c) =>
      c.json({ project: await projects.create(requestContext(c), c.req.valid("json")) }, 200),
    )
    .openapi(routes.get, async (c) =>
      c.json({ project: await projects.get(requestContext(c), c.req.valid("param").projectId) }, 200),
    )
    .openapi(routes.getWorkspace, async (c) =>
      c.json({ workspace: await projects.get(requestContext(c), c.req.valid("param").projectId) }, 200),
    )
    .openapi(routes.update, async (c) =>
      c.json(
        { project: await projects.update(requestContext(c), c.req.valid("param").projectId, c.req.valid("json")) },
        200,
      ),
    )
    .openapi(routes.remove, async (c) =>
      c.json({ project: await projects.remove(requestContext(c), c.req.valid("param").projectId) }, 200),
    )
    .openapi(routes.createEnvironment, async (c) =>
      c.json(
        {
          environment: await projects.createEnvironment(
            requestContext(c),
            c.req.valid("param").projectId,
            c.req.valid("json"),
          ),
        },
        200,
      ),
    )
    .openapi(routes.updateEnvironment, async (c) => {
      const { projectId, environmentId } = c.req.valid("param");
      return c.json(
        {
          environment: await projects.updateEnvironment(
            requestContext(c),
            projectId,
            environmentId,
            c.req.valid("json"),
          ),
        },
        200,
      );
    })
    .openapi(routes.removeEnvironment, async (c) => {
      const { projectId, environmentId } = c.req.valid("param");
      return c.json(
        { environment: await projects.removeEnvironment(requestContext(c), projectId, environmentId) },
        200,
      );
    })
    .openapi(routes.listMemberships, async (c) =>
      c.json(await projects.listMemberships(requestContext(c), c.req.valid("param").projectId), 200),
    )
    .openapi(routes.addMembership, async (c) =>
      c.json(
        {
          membership: await projects.addMembership(
            requestContext(c),
            c.req.valid("param").projectId,
            c.req.valid("json"),
          ),
        },
        200,
      ),
    )
    .openapi(routes.updateMembership, async (c) => {
      const { projectId, membershipId } = c.req.valid("param");
      return c.json(
        {
          membership: await projects.updateMembership(
            requestContext(c),
            projectId,
            membershipId,
            c.req.valid("json").role,
          ),
        },
        200,
      );
    })
    .openapi(routes.removeMembership, async (c) => {
      const { projectId, membershipId } = c.req.valid("param");
      return c.json({ membership: await projects.removeMembership(requestContext(c), projectId, membershipId) }, 200);
    });
}
