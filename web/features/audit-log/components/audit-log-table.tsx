import { ScrollText } from "lucide-react";
import type { z } from "zod";
import { auditActionLabel, auditResourceTypeLabel } from "#shared/audit-events.ts";
import type { listAuditLogsResponseSchema } from "#shared/schemas/audit.ts";
import { Badge } from "#web/components/ui/badge.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Pagination } from "#web/components/ui/pagination.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { AUDIT_LOG_PAGE_SIZE } from "#web/features/audit-log/api.ts";
import { AuditLogDetailsDialog } from "#web/features/audit-log/components/audit-log-details-dialog.tsx";
import { formatCompactDateTime } from "#web/lib/format.ts";

export function AuditLogTable({
  data,
  page,
  filtered,
  onPageChange,
}: {
  data: z.output<typeof listAuditLogsResponseSchema>;
  page: number;
  filtered: boolean;
  onPageChange: (page: number) => void;
}) {
  if (data.totalCount === 0) {
    return (
      <EmptyState
        icon={ScrollText}
        title={filtered ? "No matching entries" : "No audit entries yet"}
        description={filtered ? "Try wider filters." : "Changes made in this organization will be recorded here."}
      />
    );
  }
  return (
    <div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Resource</TableHead>
            <TableHead>IP address</TableHead>
            <TableHead>
              <span className="sr-only">Details</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.auditLogs.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
                <time dateTime={entry.createdAt}>{formatCompactDateTime(entry.createdAt)}</time>
              </TableCell>
              <TableCell>
                <div className="flex items-center gap-2">
                  <span className="font-medium">{entry.actorName}</span>
                  {entry.actorType === "user" ? null : <Badge>{entry.actorType}</Badge>}
                </div>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <div>{auditActionLabel(entry.action)}</div>
                <div className="font-mono text-xs text-muted-foreground">{entry.action}</div>
              </TableCell>
              <TableCell>
                <div>{auditResourceTypeLabel(entry.resourceType)}</div>
                {entry.resourceId ? (
                  <div className="max-w-36 truncate font-mono text-xs text-muted-foreground" title={entry.resourceId}>
                    {entry.resourceId}
                  </div>
                ) : null}
              </TableCell>
              <TableCell className="font-mono text-xs text-muted-foreground">{entry.ipAddress ?? "—"}</TableCell>
              <TableCell className="text-right">
                <AuditLogDetailsDialog entry={entry} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Pagination
        page={page}
        pageSize={AUDIT_LOG_PAGE_SIZE}
        totalCount={data.totalCount}
        onPageChange={onPageChange}
        noun="entries"
      />
    </div>
  );
}
