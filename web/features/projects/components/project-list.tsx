import { useSuspenseQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { FolderKanban } from "lucide-react";
import { Badge } from "#web/components/ui/badge.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Pagination } from "#web/components/ui/pagination.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { PROJECTS_PAGE_SIZE, type ProjectListParams, projectsQueryOptions } from "#web/features/projects/api.ts";
import { CreateProjectDialog } from "#web/features/projects/components/create-project-dialog.tsx";
import { formatDate } from "#web/lib/format.ts";

export function ProjectList({
  params,
  onPageChange,
}: {
  params: ProjectListParams;
  onPageChange: (page: number) => void;
}) {
  const { data } = useSuspenseQuery(projectsQueryOptions(params));

  if (data.totalCount === 0) {
    return params.search ? (
      <EmptyState
        icon={FolderKanban}
        title="No matching projects"
        description={`No project name matches “${params.search}”.`}
      />
    ) : (
      <EmptyState
        icon={FolderKanban}
        title="No projects yet"
        description="Create a project to start handing out short-lived AWS access."
        action={<CreateProjectDialog />}
      />
    );
  }

  return (
    <div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Slug</TableHead>
            <TableHead>Environments</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.projects.map((project) => (
            <TableRow key={project.id}>
              <TableCell>
                <Link
                  to="/projects/$projectId"
                  params={{ projectId: project.id }}
                  className="font-medium text-foreground hover:text-primary hover:underline"
                >
                  {project.name}
                </Link>
              </TableCell>
              <TableCell className="font-mono text-xs text-muted-foreground">{project.slug}</TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {project.environments.map((environment) => (
                    <Badge key={environment.id}>{environment.slug}</Badge>
                  ))}
                </div>
              </TableCell>
              <TableCell className="text-muted-foreground">{formatDate(project.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Pagination
        page={params.page}
        pageSize={PROJECTS_PAGE_SIZE}
        totalCount={data.totalCount}
        onPageChange={onPageChange}
        noun="projects"
      />
    </div>
  );
}
