import { useSuspenseQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Bot } from "lucide-react";
import type { ReactNode } from "react";
import { Badge } from "#web/components/ui/badge.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Pagination } from "#web/components/ui/pagination.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { IDENTITIES_PAGE_SIZE, type IdentityListParams, identitiesQueryOptions } from "#web/features/identities/api.ts";
import { orgRoleLabel } from "#web/features/identities/components/labels.ts";
import {
  isUnfinished,
  UnfinishedIdentityRowActions,
} from "#web/features/identities/components/unfinished-identity.tsx";
import { formatDate } from "#web/lib/format.ts";

export function IdentitiesTable({
  orgId,
  params,
  canManage,
  emptyAction,
  onPageChange,
}: {
  orgId: string;
  params: IdentityListParams;
  /** Org admins: an identity that cannot log in gets "Finish setup" and Delete. */
  canManage: boolean;
  emptyAction?: ReactNode;
  onPageChange: (page: number) => void;
}) {
  const { data } = useSuspenseQuery(identitiesQueryOptions(orgId, params));

  if (data.totalCount === 0) {
    return params.search ? (
      <EmptyState
        icon={Bot}
        title="No matching identities"
        description={`No identity is named like “${params.search}”.`}
      />
    ) : (
      <EmptyState
        icon={Bot}
        title="No machine identities yet"
        description={
          "An identity lets a Lambda function, an EC2 instance or a CI job log in with its " +
          "own AWS credentials and get a short-lived token."
        }
        action={emptyAction}
      />
    );
  }

  return (
    <div>
      <Table aria-label="Machine identities">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Org role</TableHead>
            <TableHead>Auth methods</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.identities.map((identity) => (
            <TableRow key={identity.id}>
              <TableCell>
                <Link
                  to="/identities/$identityId"
                  params={{ identityId: identity.id }}
                  className="font-medium hover:underline"
                >
                  {identity.name}
                </Link>
              </TableCell>
              <TableCell>{orgRoleLabel(identity.role)}</TableCell>
              <TableCell>
                {identity.authMethods.includes("aws-auth") ? (
                  <Badge variant="primary">AWS Auth</Badge>
                ) : (
                  // Beside the badge that says what is wrong: on a phone the row's last columns scroll out of view.
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge variant="warning">None: cannot log in</Badge>
                    {canManage && isUnfinished(identity) ? <UnfinishedIdentityRowActions identity={identity} /> : null}
                  </div>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground">{formatDate(identity.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Pagination
        page={params.page}
        pageSize={IDENTITIES_PAGE_SIZE}
        totalCount={data.totalCount}
        onPageChange={onPageChange}
        noun="identities"
      />
    </div>
  );
}
