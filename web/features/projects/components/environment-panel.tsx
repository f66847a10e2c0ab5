import { Link } from "@tanstack/react-router";
import { ArrowRight, Pencil, Trash2 } from "lucide-react";
import type { EnvironmentCounts } from "#shared/schemas/project-overview.ts";
import type { Environment, Project } from "#shared/schemas/projects.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardTitle } from "#web/components/ui/card.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useDeleteEnvironment } from "#web/features/projects/api.ts";
import { EnvironmentFormDialog } from "#web/features/projects/components/environment-form-dialog.tsx";

function CopyableValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid min-w-0 gap-1 sm:grid-cols-[9rem_minmax(0,1fr)] sm:items-center sm:gap-3">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-2">
        <code className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-sm">{value}</code>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} size="sm" variant="ghost" />
      </dd>
    </div>
  );
}

function Count({ label, value, warn = false }: { label: string; value: number | undefined; warn?: boolean }) {
  return (
    <div className="grid gap-0.5 rounded-lg border p-3">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className={warn && value ? "text-2xl font-semibold text-destructive tabular-nums" : "text-2xl font-semibold"}>
        {value === undefined ? <Skeleton className="my-1 h-6 w-10" /> : value}
      </dd>
    </div>
  );
}

/** One environment: what it holds, the identifiers SDKs and scripts need, and its edit and delete actions. */
export function EnvironmentPanel({
  project,
  environment,
  counts,
  countsPending,
  onSaved,
  onDeleted,
}: {
  project: Project;
  environment: Environment;
  /** Undefined while the overview loads (skeletons) or when it failed (the page says so once, above). */
  counts: EnvironmentCounts | undefined;
  countsPending: boolean;
  /** Called after an edit, so the URL can follow a changed slug. */
  onSaved: (environment: Environment) => void;
  onDeleted: () => void;
}) {
  const deleteEnvironment = useDeleteEnvironment(project.id);
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 p-6 pb-4">
        <div className="grid gap-1">
          <CardTitle>{environment.name}</CardTitle>
          <CardDescription>
            Machine clients address this environment by the project and environment slugs.
          </CardDescription>
        </div>
        <div className="flex gap-2">
          <EnvironmentFormDialog
            projectId={project.id}
            environment={environment}
            onSaved={onSaved}
            trigger={
              <Button variant="outline" size="sm">
                <Pencil aria-hidden="true" />
                Edit
              </Button>
            }
          />
          <ConfirmDialog
            trigger={
              <Button variant="outline-destructive" size="sm">
                <Trash2 aria-hidden="true" />
                Delete
              </Button>
            }
            title={`Delete environment “${environment.name}”?`}
            description="Anything configured for this environment stops working. This cannot be undone."
            confirmLabel="Delete environment"
            onConfirm={async () => {
              await deleteEnvironment.mutateAsync(environment.id);
              toast.success(`Environment “${environment.name}” deleted`);
              onDeleted();
            }}
          />
        </div>
      </div>
      <CardContent className="grid gap-5">
        {counts || countsPending ? (
          <div className="grid gap-3">
            <dl aria-label={`${environment.name} in numbers`} className="grid grid-cols-3 gap-2 sm:gap-3">
              <Count label="Dynamic secrets" value={counts?.dynamicSecrets} />
              <Count label="Active leases" value={counts?.activeLeases} />
              <Count label="Failed revocations" value={counts?.failedRevocations} warn />
            </dl>
            {counts?.failedRevocations ? (
              <p className="text-sm text-destructive">
                AWS refused to revoke {counts.failedRevocations === 1 ? "a lease" : "some leases"}: their credentials
                may still work. Leasehold keeps retrying; open the dynamic secrets to see why.
              </p>
            ) : null}
            <div>
              <Button asChild variant="outline" size="sm">
                <Link
                  to="/projects/$projectId/secrets"
                  params={{ projectId: project.id }}
                  search={{ env: environment.slug }}
                >
                  Open {environment.name} dynamic secrets
                  <ArrowRight aria-hidden="true" />
                </Link>
              </Button>
            </div>
          </div>
        ) : null}
        <dl aria-label="Identifiers" className="grid gap-3">
          <CopyableValue label="Project slug" value={project.slug} />
          <CopyableValue label="Environment slug" value={environment.slug} />
          <CopyableValue label="Environment ID" value={environment.id} />
        </dl>
      </CardContent>
    </Card>
  );
}
