import { useSuspenseQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Cable, Plus } from "lucide-react";
import type { AppConnection } from "#shared/schemas/app-connections.ts";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { appConnectionsQueryOptions, type ConnectionScope } from "#web/features/app-connections/api.ts";
import { ConnectionRowActions } from "#web/features/app-connections/components/connection-row-actions.tsx";
import { LastChecked } from "#web/features/app-connections/components/last-checked.tsx";

function StatusBadge({ connection }: { connection: AppConnection }) {
  return connection.status === "connected" ? (
    <Badge variant="success">Connected</Badge>
  ) : (
    <div className="grid max-w-72 gap-1">
      <Badge variant="destructive" className="w-fit">
        Failed
      </Badge>
      {connection.statusMessage ? (
        <p className="line-clamp-3 text-xs text-muted-foreground" title={connection.statusMessage}>
          {connection.statusMessage}
        </p>
      ) : null}
    </div>
  );
}

/** Where the connection's identity comes from: the role it assumes, or its key's ID. */
function CredentialSummary({ connection }: { connection: AppConnection }) {
  const credentials = connection.credentials;
  if ("roleArn" in credentials) {
    return (
      <div className="grid max-w-56 min-w-0 gap-0.5">
        <code className="truncate font-mono text-xs" title={credentials.roleArn}>
          {credentials.roleArn}
        </code>
        {credentials.stsEndpoint ? (
          <span className="truncate text-xs text-muted-foreground">via {credentials.stsEndpoint}</span>
        ) : null}
      </div>
    );
  }
  return <code className="block max-w-56 truncate font-mono text-xs">{credentials.accessKeyId}</code>;
}

export function ConnectionsTable({ scope, canManage }: { scope: ConnectionScope; canManage: boolean }) {
  const { data: connections } = useSuspenseQuery(appConnectionsQueryOptions(scope));

  if (connections.length === 0) {
    return (
      <EmptyState
        icon={Cable}
        title="No AWS connections yet"
        description={
          scope.projectId
            ? "Connect an AWS account to this project, or ask an organization admin for an " +
              "organization-wide connection."
            : "Connect an AWS account once, and every project of the organization can use it."
        }
        action={canManage ? <NewConnectionLink scope={scope} /> : undefined}
      />
    );
  }

  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name and scope</TableHead>
          <TableHead>Method</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last checked</TableHead>
          <TableHead>Role ARN or key ID</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {connections.map((connection) => {
          // On a project's page, the organization's connections are listed for use, managed elsewhere.
          const managedHere = canManage && (connection.projectId ?? null) === scope.projectId;
          return (
            <TableRow key={connection.id}>
              <TableCell>
                <div className="flex items-center gap-2 whitespace-nowrap">
                  <span className="font-medium">{connection.name}</span>
                  {connection.projectId ? (
                    <Badge variant="outline">Project</Badge>
                  ) : (
                    <Badge variant="primary">Organization</Badge>
                  )}
                </div>
                {connection.description ? (
                  <div className="max-w-64 truncate text-xs text-muted-foreground">{connection.description}</div>
                ) : null}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {connection.method === "assume-role" ? "Assume Role" : "Access Key"}
              </TableCell>
              <TableCell>
                <StatusBadge connection={connection} />
              </TableCell>
              <TableCell className="text-muted-foreground">
                <LastChecked iso={connection.lastCheckedAt} />
              </TableCell>
              <TableCell>
                <CredentialSummary connection={connection} />
              </TableCell>
              <TableCell>{managedHere ? <ConnectionRowActions connection={connection} /> : null}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function NewConnectionLink({ scope }: { scope: ConnectionScope }) {
  return scope.projectId ? (
    <Button asChild>
      <Link to="/projects/$projectId/app-connections/new" params={{ projectId: scope.projectId }}>
        <Plus aria-hidden="true" />
        Add connection
      </Link>
    </Button>
  ) : (
    <Button asChild>
      <Link to="/organization/app-connections/new">
        <Plus aria-hidden="true" />
        Add connection
      </Link>
    </Button>
  );
}
