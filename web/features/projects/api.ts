import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { AnswerOf, BodyOf } from "#client/core/route.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { apiCall } from "#web/lib/api-client.ts";

export const PROJECTS_PAGE_SIZE = 20;

export interface ProjectListParams {
  page: number;
  search?: string;
}

const projectKeys = {
  all: ["projects"] as const,
  lists: () => [...projectKeys.all, "list"] as const,
  list: (params: ProjectListParams) => [...projectKeys.lists(), params] as const,
  detail: (projectId: string) => [...projectKeys.all, "detail", projectId] as const,
  overview: (projectId: string) => [...projectKeys.all, "overview", projectId] as const,
};

export function projectsQueryOptions(params: ProjectListParams) {
  return queryOptions({
    queryKey: projectKeys.list(params),
    queryFn: ({ signal }) =>
      apiCall(projectRoutes.list, {
        signal,
        query: { offset: (params.page - 1) * PROJECTS_PAGE_SIZE, limit: PROJECTS_PAGE_SIZE, search: params.search },
      }),
  });
}

export function projectQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: projectKeys.detail(projectId),
    queryFn: ({ signal }) => apiCall(projectRoutes.get, { params: { projectId }, signal }),
    select: (data) => data.project,
  });
}

/** The Overview's steps, counts and activity. Stale at once: coming back after adding a secret shows it. */
export function projectOverviewQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: projectKeys.overview(projectId),
    queryFn: ({ signal }) => apiCall(projectRoutes.overview, { params: { projectId }, signal }),
    select: (data) => data.overview,
    staleTime: 0,
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyOf<typeof projectRoutes.create>) => apiCall(projectRoutes.create, { body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(projectKeys.detail(data.project.id), data);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}

export function useUpdateProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyOf<typeof projectRoutes.update>) =>
      apiCall(projectRoutes.update, { params: { projectId }, body: input }),
    onSuccess: (data) => {
      queryClient.setQueryData(projectKeys.detail(projectId), data);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}

export function useDeleteProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiCall(projectRoutes.delete, { params: { projectId } }),
    // The detail entry is left to expire: removing it while the page is still mounted would refetch a 404.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.lists() }),
  });
}

// Environments belong to a project and arrive inside it, so each change refreshes the project.
function useEnvironmentMutation<Variables>(
  projectId: string,
  request: (variables: Variables) => Promise<AnswerOf<typeof projectRoutes.createEnvironment>>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: projectKeys.detail(projectId) }),
        queryClient.invalidateQueries({ queryKey: projectKeys.overview(projectId) }),
        queryClient.invalidateQueries({ queryKey: projectKeys.lists() }),
      ]),
  });
}

export function useCreateEnvironment(projectId: string) {
  return useEnvironmentMutation(projectId, (input: BodyOf<typeof projectRoutes.createEnvironment>) =>
    apiCall(projectRoutes.createEnvironment, { params: { projectId }, body: input }),
  );
}

export function useUpdateEnvironment(projectId: string) {
  return useEnvironmentMutation(
    projectId,
    ({ environmentId, ...input }: BodyOf<typeof projectRoutes.updateEnvironment> & { environmentId: string }) =>
      apiCall(projectRoutes.updateEnvironment, { params: { projectId, environmentId }, body: input }),
  );
}

export function useDeleteEnvironment(projectId: string) {
  return useEnvironmentMutation(projectId, (environmentId: string) =>
    apiCall(projectRoutes.deleteEnvironment, { params: { projectId, environmentId } }),
  );
}
