import { Link } from "@tanstack/react-router";
import { Trash2 } from "lucide-react";
import type { ProjectRole } from "#shared/schemas/common.ts";
import type { IdentityMembership } from "#shared/schemas/identities.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useRemoveMembership, useUpdateMembership } from "#web/features/identities/api.ts";
import { projectRoleLabel, projectRoleOptions } from "#web/features/identities/components/labels.ts";
import { formatDate } from "#web/lib/format.ts";

function RoleSelect({ identityId, membership }: { identityId: string; membership: IdentityMembership }) {
  const update = useUpdateMembership(identityId);
  return (
    <Select
      aria-label={`Role in ${membership.projectName}`}
      value={(update.isPending ? update.variables?.role : undefined) ?? membership.role}
      disabled={update.isPending}
      onChange={(event) => {
        const role = event.target.value as ProjectRole;
        update.mutate(
          { membershipId: membership.id, role },
          {
            onSuccess: () => toast.success(`Now ${projectRoleLabel(role)} in ${membership.projectName}`),
            onError: (error) => toast.error(error),
          },
        );
      }}
    >
      {projectRoleOptions.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

/** The identity's projects and roles; changing them needs admin in that project (the server decides). */
export function MembershipsTable({
  identityId,
  memberships,
  canManage,
}: {
  identityId: string;
  memberships: IdentityMembership[];
  canManage: boolean;
}) {
  const remove = useRemoveMembership(identityId);
  return (
    <Table aria-label="Project memberships">
      <TableHeader>
        <TableRow>
          <TableHead>Project</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Added</TableHead>
          {canManage ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {memberships.map((membership) => (
          <TableRow key={membership.id}>
            <TableCell>
              <Link
                to="/projects/$projectId"
                params={{ projectId: membership.projectId }}
                className="font-medium hover:underline"
              >
                {membership.projectName}
              </Link>
            </TableCell>
            <TableCell className="w-40">
              {canManage ? (
                <RoleSelect identityId={identityId} membership={membership} />
              ) : (
                projectRoleLabel(membership.role)
              )}
            </TableCell>
            <TableCell className="text-muted-foreground">{formatDate(membership.createdAt)}</TableCell>
            {canManage ? (
              <TableCell className="text-right">
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Remove from ${membership.projectName}`}>
                      <Trash2 aria-hidden="true" />
                      Remove
                    </Button>
                  }
                  title={`Remove from ${membership.projectName}?`}
                  description="The identity's tokens lose all access to this project at once."
                  confirmLabel="Remove from project"
                  onConfirm={async () => {
                    await remove.mutateAsync(membership.id);
                    toast.success(`Removed from ${membership.projectName}`);
                  }}
                />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
