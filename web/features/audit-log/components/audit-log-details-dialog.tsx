import type { AuditLog } from "#shared/schemas/audit.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { formatDateTime } from "#web/lib/format.ts";

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[8rem_1fr] sm:gap-3">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-sm break-all">{value ?? "—"}</dd>
    </div>
  );
}

export function AuditLogDetailsDialog({ entry }: { entry: AuditLog }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Details of ${entry.action} at ${formatDateTime(entry.createdAt)}`}
        >
          Details
        </Button>
      </DialogTrigger>
      <DialogContent size="lg">
        <DialogHeader>
          <DialogTitle className="font-mono">{entry.action}</DialogTitle>
          <DialogDescription>{formatDateTime(entry.createdAt)}</DialogDescription>
        </DialogHeader>
        <dl className="grid gap-2">
          <Detail label="Actor" value={`${entry.actorName} (${entry.actorType})`} />
          <Detail label="Actor ID" value={entry.actorId} />
          <Detail label="Resource" value={entry.resourceType} />
          <Detail label="Resource ID" value={entry.resourceId} />
          <Detail label="Project ID" value={entry.projectId} />
          <Detail label="IP address" value={entry.ipAddress} />
          <Detail label="User agent" value={entry.userAgent} />
          <Detail label="Request ID" value={entry.requestId} />
        </dl>
        <div className="grid gap-1.5">
          <h3 className="text-sm font-medium">Metadata</h3>
          <pre className="max-h-72 overflow-auto rounded-lg bg-muted p-3 font-mono text-xs">
            {JSON.stringify(entry.metadata, null, 2)}
          </pre>
        </div>
      </DialogContent>
    </Dialog>
  );
}
