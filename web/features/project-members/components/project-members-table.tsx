import { Trash2, Users } from "lucide-react";
import type { ProjectRole } from "#shared/schemas/common.ts";
import type { ProjectMembership } from "#shared/schemas/projects.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useRemoveProjectMembership, useUpdateProjectMembership } from "#web/features/project-members/api.ts";
import { projectRoleLabels, projectRoles } from "#web/features/project-members/components/project-role.ts";
import { formatDate } from "#web/lib/format.ts";

export function ProjectMembersTable({
  projectId,
  memberships,
  currentUserId,
}: {
  projectId: string;
  memberships: ProjectMembership[];
  currentUserId: string;
}) {
  const updateMembership = useUpdateProjectMembership(projectId);
  const removeMembership = useRemoveProjectMembership(projectId);

  if (memberships.length === 0) {
    return (
      <EmptyState
        icon={Users}
        title="No project members"
        description="Add people from your organization and choose what they may do here."
      />
    );
  }

  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Person</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Added</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {memberships.map((membership) => {
          const label = membership.name || membership.email;
          const changingThis = updateMembership.isPending && updateMembership.variables?.membershipId === membership.id;
          return (
            <TableRow key={membership.id}>
              <TableCell>
                <div className="font-medium">
                  {label}
                  {membership.userId === currentUserId ? (
                    <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span>
                  ) : null}
                </div>
                <div className="text-xs text-muted-foreground">{membership.email}</div>
              </TableCell>
              <TableCell className="w-44">
                <Select
                  aria-label={`Role of ${label}`}
                  // Show the chosen role while the change is saving, not the old one.
                  value={(changingThis ? updateMembership.variables?.role : undefined) ?? membership.role}
                  disabled={changingThis}
                  aria-busy={changingThis || undefined}
                  onChange={(event) => {
                    const role = event.target.value as ProjectRole;
                    updateMembership.mutate(
                      { membershipId: membership.id, role },
                      {
                        onSuccess: () => toast.success(`${label} is now ${projectRoleLabels[role]}`),
                        onError: (error) => toast.error(error),
                      },
                    );
                  }}
                >
                  {projectRoles.map((role) => (
                    <option key={role} value={role}>
                      {projectRoleLabels[role]}
                    </option>
                  ))}
                </Select>
              </TableCell>
              <TableCell className="text-muted-foreground">{formatDate(membership.createdAt)}</TableCell>
              <TableCell className="text-right">
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Remove ${label} from the project`}>
                      <Trash2 aria-hidden="true" />
                      Remove
                    </Button>
                  }
                  title={`Remove ${label} from the project?`}
                  description="They lose access to this project at once. They stay in the organization."
                  confirmLabel="Remove"
                  onConfirm={async () => {
                    await removeMembership.mutateAsync(membership.id);
                    toast.success(`${label} removed from the project`);
                  }}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
