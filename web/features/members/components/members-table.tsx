import { useSuspenseQuery } from "@tanstack/react-query";
import { Trash2, Users } from "lucide-react";
import type { OrgRole } from "#shared/schemas/common.ts";
import type { Member } from "#shared/schemas/members.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Pagination } from "#web/components/ui/pagination.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { toast } from "#web/components/ui/toast.ts";
import {
  MEMBERS_PAGE_SIZE,
  type MemberListParams,
  membersQueryOptions,
  useRemoveMember,
  useUpdateMemberRole,
} from "#web/features/members/api.ts";
import { orgRoleLabels, orgRoles } from "#web/features/members/components/org-role.ts";
import { formatDate } from "#web/lib/format.ts";

function MemberRoleSelect({ member, orgId, label }: { member: Member; orgId: string; label: string }) {
  const updateRole = useUpdateMemberRole(orgId);
  return (
    <Select
      aria-label={`Role of ${label}`}
      // Show the chosen role while saving; on failure it falls back to the stored one.
      value={(updateRole.isPending ? updateRole.variables?.role : undefined) ?? member.role}
      disabled={updateRole.isPending}
      aria-busy={updateRole.isPending || undefined}
      onChange={(event) => {
        const role = event.target.value as OrgRole;
        // The server refuses to demote the last admin; its message explains why.
        updateRole.mutate(
          { memberId: member.id, role },
          {
            onSuccess: () => toast.success(`${label} is now ${orgRoleLabels[role]}`),
            onError: (error) => toast.error(error),
          },
        );
      }}
    >
      {orgRoles.map((role) => (
        <option key={role} value={role}>
          {orgRoleLabels[role]}
        </option>
      ))}
    </Select>
  );
}

export function MembersTable({
  orgId,
  params,
  currentUserId,
  canManage,
  onPageChange,
}: {
  orgId: string;
  params: MemberListParams;
  currentUserId: string;
  /** Only org admins may change roles or remove people; the server enforces it, the UI avoids dead ends. */
  canManage: boolean;
  onPageChange: (page: number) => void;
}) {
  const { data } = useSuspenseQuery(membersQueryOptions(orgId, params));
  const removeMember = useRemoveMember(orgId);

  if (data.totalCount === 0) {
    return (
      <EmptyState
        icon={Users}
        title={params.search ? "No matching members" : "No members"}
        description={params.search ? `Nobody matches “${params.search}”.` : undefined}
      />
    );
  }

  return (
    <div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Person</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Added</TableHead>
            {canManage ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.members.map((member) => {
            const label = member.name || member.email;
            const isYou = member.userId === currentUserId;
            return (
              <TableRow key={member.id}>
                <TableCell>
                  <div className="font-medium">
                    {label}
                    {isYou ? <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span> : null}
                  </div>
                  {member.name ? <div className="text-xs text-muted-foreground">{member.email}</div> : null}
                </TableCell>
                <TableCell className="w-40">
                  {canManage ? (
                    <MemberRoleSelect member={member} orgId={orgId} label={label} />
                  ) : (
                    orgRoleLabels[member.role]
                  )}
                </TableCell>
                <TableCell>
                  {member.status === "invited" ? (
                    <Badge variant="warning">Invited</Badge>
                  ) : (
                    <Badge variant="success">Active</Badge>
                  )}
                </TableCell>
                <TableCell className="text-muted-foreground">{formatDate(member.createdAt)}</TableCell>
                {canManage ? (
                  <TableCell className="text-right">
                    <ConfirmDialog
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Remove ${label}`}>
                          <Trash2 aria-hidden="true" />
                          Remove
                        </Button>
                      }
                      title={isYou ? "Remove yourself from the organization?" : `Remove ${label}?`}
                      description={
                        isYou
                          ? "You lose access to this organization and its projects."
                          : "They lose access to the organization and its projects."
                      }
                      confirmLabel="Remove member"
                      onConfirm={async () => {
                        await removeMember.mutateAsync(member.id);
                        toast.success(`${label} removed`);
                      }}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Pagination
        page={params.page}
        pageSize={MEMBERS_PAGE_SIZE}
        totalCount={data.totalCount}
        onPageChange={onPageChange}
        noun="members"
      />
    </div>
  );
}
