import { useSuspenseQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { KeySquare, ListTree, Pencil, Plus, SearchCheck, Trash2, Zap } from "lucide-react";
import { useState } from "react";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { MoreActionsMenu } from "#web/components/more-actions-menu.tsx";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { dynamicSecretsQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import { DeleteDynamicSecretDialog } from "#web/features/dynamic-secrets/components/delete-dynamic-secret-dialog.tsx";
import { DynamicSecretFormDialog } from "#web/features/dynamic-secrets/components/dynamic-secret-form-dialog.tsx";
import { OrphanCheckDialog } from "#web/features/dynamic-secrets/components/orphan-check-dialog.tsx";
import { credentialTypeLabel, isTemporary } from "#web/features/dynamic-secrets/lease-kind.ts";

export interface SecretPermissions {
  canManage: boolean;
  canLease: boolean;
}

export function AddDynamicSecretButton({ location, projectId }: { location: SecretLocation; projectId: string }) {
  return (
    <DynamicSecretFormDialog
      location={location}
      projectId={projectId}
      trigger={
        <Button>
          <Plus aria-hidden="true" />
          Add Dynamic Secret
        </Button>
      }
    />
  );
}

/**
 * The row's less common actions, in a labelled menu. Each opens its dialog outside the menu (which closes); the
 * dialog primitives return focus to the More button when it closes (web/lib/return-focus.ts).
 */
function MoreActions({ location, secret }: { location: SecretLocation; secret: DynamicSecret }) {
  const [dialog, setDialog] = useState<"orphans" | "delete" | null>(null);
  const close = (open: boolean) => {
    if (!open) setDialog(null);
  };
  return (
    <>
      <MoreActionsMenu
        name={secret.name}
        actions={[
          // An STS session leaves nothing behind in AWS to orphan.
          ...(isTemporary(secret)
            ? []
            : [{ label: "Orphan check", icon: SearchCheck, onSelect: () => setDialog("orphans") }]),
          { label: "Delete", icon: Trash2, destructive: true, onSelect: () => setDialog("delete") },
        ]}
      />
      {isTemporary(secret) ? null : (
        <OrphanCheckDialog location={location} secret={secret} open={dialog === "orphans"} onOpenChange={close} />
      )}
      <DeleteDynamicSecretDialog location={location} secret={secret} open={dialog === "delete"} onOpenChange={close} />
    </>
  );
}

const methodLabel = (secret: DynamicSecret) =>
  secret.inputs.appConnectionId
    ? "App Connection"
    : { "access-key": "access key", "assume-role": "assume role", irsa: "IRSA" }[secret.inputs.method];

/** The dynamic secrets at one environment and path. "Generate" appears on hover and on keyboard focus. */
export function DynamicSecretsTable({
  location,
  projectId,
  permissions,
  selectedName,
  onSelect,
  onGenerate,
}: {
  location: SecretLocation;
  projectId: string;
  permissions: SecretPermissions;
  selectedName: string | undefined;
  onSelect: (name: string) => void;
  onGenerate: (secret: DynamicSecret) => void;
}) {
  const { data: secrets } = useSuspenseQuery(dynamicSecretsQueryOptions(location));
  if (secrets.length === 0) {
    return (
      <EmptyState
        icon={KeySquare}
        title={`No dynamic secrets in ${location.environmentSlug}:${location.path}`}
        description={
          "A dynamic secret hands out short-lived AWS credentials: an IAM user per lease, " +
          "deleted when the lease ends."
        }
        action={
          permissions.canManage ? <AddDynamicSecretButton location={location} projectId={projectId} /> : undefined
        }
      />
    );
  }
  return (
    <Table aria-label="Dynamic secrets" className="[&_td]:px-3 [&_th]:px-3">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>TTL (default / max)</TableHead>
          <TableHead>
            Active <span className="sr-only">leases</span>
          </TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {secrets.map((secret) => (
          <TableRow key={secret.id} className="group" aria-selected={secret.name === selectedName}>
            <TableCell>
              <span className="font-medium unstacked:whitespace-nowrap">{secret.name}</span>
            </TableCell>
            <TableCell>
              <div className="grid gap-0.5 unstacked:whitespace-nowrap">
                <span>AWS IAM · {credentialTypeLabel(secret)}</span>
                <span className="text-xs text-muted-foreground">
                  {methodLabel(secret)} · {secret.inputs.region}
                </span>
              </div>
            </TableCell>
            <TableCell className="unstacked:whitespace-nowrap">
              {secret.defaultTTL} <span className="text-muted-foreground">/ {secret.maxTTL ?? "no max"}</span>
            </TableCell>
            <TableCell>
              <Badge variant={secret.activeLeaseCount > 0 ? "primary" : "neutral"}>{secret.activeLeaseCount}</Badge>
            </TableCell>
            {/* Wide enough for Generate and Leases side by side; Edit and More wrap below them. Stacked (a phone,
                a tablet), the actions take a line of their own, Generate always shown. */}
            <TableCell>
              <div className="flex flex-wrap items-center justify-end gap-1.5 stacked:justify-start unstacked:min-w-52">
                {permissions.canLease ? (
                  <Button
                    size="sm"
                    className={clsx(
                      "opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100",
                      "focus-visible:opacity-100 stacked:opacity-100 [@media(hover:none)]:opacity-100",
                    )}
                    onClick={() => onGenerate(secret)}
                    aria-label={`Generate credentials from ${secret.name}`}
                  >
                    <Zap aria-hidden="true" />
                    Generate
                  </Button>
                ) : null}
                <Button
                  variant={secret.name === selectedName ? "secondary" : "outline"}
                  size="sm"
                  onClick={() => onSelect(secret.name)}
                  aria-pressed={secret.name === selectedName}
                  aria-label={`Show leases of ${secret.name}`}
                >
                  <ListTree aria-hidden="true" />
                  Leases
                </Button>
                {permissions.canManage ? (
                  <>
                    <DynamicSecretFormDialog
                      location={location}
                      projectId={projectId}
                      existing={secret}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Edit ${secret.name}`}>
                          <Pencil aria-hidden="true" />
                          Edit
                        </Button>
                      }
                    />
                    <MoreActions location={location} secret={secret} />
                  </>
                ) : null}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
