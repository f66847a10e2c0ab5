import { Link } from "@tanstack/react-router";
import { Bot, Cog, History, User } from "lucide-react";
import { auditActionLabel } from "#shared/audit-events.ts";
import type { ProjectActivity } from "#shared/schemas/project-overview.ts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { formatDateTime } from "#web/lib/format.ts";
import { formatRelativeTime } from "#web/lib/relative-time.ts";

const ACTOR_ICONS = { user: User, identity: Bot, system: Cog } as const;
const ACTOR_WORDS = { user: "Person", identity: "Machine identity", system: "Leasehold" } as const;

/**
 * The project's newest audit records: who did what, to what, and when. Org admins get a link to the full
 * audit log, filtered to this project (it has the addresses and details this list leaves out).
 */
export function RecentActivity({
  projectId,
  activity,
  pending,
  canReadAuditLog,
  now = Date.now(),
}: {
  projectId: string;
  /** Undefined while loading or when the overview failed (the page says so once, above). */
  activity: ProjectActivity[] | undefined;
  pending: boolean;
  canReadAuditLog: boolean;
  now?: number;
}) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle id="recent-activity-heading">Recent activity</CardTitle>
        <CardDescription>Changes and leases in this project, newest first.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {pending ? (
          <div className="grid gap-3" aria-busy="true">
            <span role="status" className="sr-only">
              Loading recent activity
            </span>
            {[0, 1, 2, 3].map((row) => (
              <Skeleton key={row} className="h-10 w-full" />
            ))}
          </div>
        ) : !activity ? (
          <p className="text-sm text-muted-foreground">Recent activity is not available right now.</p>
        ) : activity.length === 0 ? (
          <div className="flex items-center gap-3 text-sm text-muted-foreground">
            <History aria-hidden="true" className="size-5 shrink-0" />
            Nothing has happened in this project yet. Each change and each lease will show here.
          </div>
        ) : (
          <ol aria-labelledby="recent-activity-heading" className="grid gap-3">
            {activity.map((entry) => {
              const Icon = ACTOR_ICONS[entry.actorType];
              return (
                <li key={entry.id} className="flex min-w-0 gap-3">
                  <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-muted">
                    <Icon aria-label={ACTOR_WORDS[entry.actorType]} className="size-3.5 text-muted-foreground" />
                  </span>
                  <div className="grid min-w-0 gap-0.5 text-sm">
                    <p className="min-w-0 break-words">
                      <span className="font-medium">{auditActionLabel(entry.action)}</span>
                      {entry.subject ? (
                        <>
                          {" "}
                          <span className="font-mono text-xs">{entry.subject}</span>
                        </>
                      ) : null}
                    </p>
                    <p className="min-w-0 text-xs break-words text-muted-foreground">
                      {entry.actorName} ·{" "}
                      <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
                        {formatRelativeTime(entry.createdAt, now)}
                      </time>
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {canReadAuditLog ? (
          <Link
            to="/audit-log"
            search={{ projectId }}
            className="text-sm font-medium text-primary underline-offset-4 hover:underline"
          >
            Open this project's audit log
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
