import { createFileRoute } from "@tanstack/react-router";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { SearchInput } from "#web/components/search-input.tsx";
import { projectsQueryOptions } from "#web/features/projects/api.ts";
import { CreateProjectDialog } from "#web/features/projects/components/create-project-dialog.tsx";
import { ProjectList } from "#web/features/projects/components/project-list.tsx";
import { page, searchParams, text } from "#web/lib/search-params.ts";

const projectsSearchSchema = searchParams({ page, search: text(128) });

export const Route = createFileRoute("/_app/projects/")({
  validateSearch: projectsSearchSchema,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, search: search.search || undefined }),
  loader: ({ context: { queryClient }, deps }) => queryClient.ensureQueryData(projectsQueryOptions(deps)),
  component: ProjectsPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectsPage() {
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project has its own environments and members."
        actions={<CreateProjectDialog />}
      />
      <div className="mb-4">
        <SearchInput
          label="Search projects"
          value={params.search ?? ""}
          onSearch={(search) => navigate({ search: { search: search || undefined }, replace: true })}
        />
      </div>
      <ProjectList
        params={params}
        onPageChange={(page) => navigate({ search: (previous) => ({ ...previous, page }) })}
      />
    </>
  );
}
