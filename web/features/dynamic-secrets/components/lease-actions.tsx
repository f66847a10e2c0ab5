import { Ban, TimerReset } from "lucide-react";
import { useState } from "react";
import { formatDurationForApi, formatDurationForDisplay, parseDuration } from "#shared/durations.ts";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import type { Lease } from "#shared/schemas/leases.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { Tooltip } from "#web/components/ui/tooltip.tsx";
import { useRenewLease, useRevokeLease } from "#web/features/dynamic-secrets/api.ts";
import { TtlDialog } from "#web/features/dynamic-secrets/components/ttl-dialog.tsx";
import { leaseWords } from "#web/features/dynamic-secrets/lease-kind.ts";
import { formatDateTime } from "#web/lib/format.ts";

export interface LeasePermissions {
  canManage: boolean;
  canForce: boolean;
}

/** How much a renewal may still add: up to creation + max TTL (null: no cap). */
function renewalRoomSeconds(lease: Lease, secret: DynamicSecret): number | null {
  const max = secret.maxTTL ? parseDuration(secret.maxTTL) : null;
  if (max === null) return null;
  return Math.max(0, Math.floor((Date.parse(lease.createdAt) + max * 1000 - Date.parse(lease.expireAt)) / 1000));
}

/** Renew, Revoke and (for a revocation that keeps failing) Force revoke, each confirmed or validated first. */
export function LeaseActions({
  lease,
  secret,
  location,
  permissions,
}: {
  lease: Lease;
  secret: DynamicSecret;
  location: SecretLocation;
  permissions: LeasePermissions;
}) {
  const [renewing, setRenewing] = useState(false);
  const renew = useRenewLease(location);
  const revoke = useRevokeLease(location);
  if (!permissions.canManage || (lease.status !== "active" && lease.status !== "revoke_failed")) return null;
  const room = renewalRoomSeconds(lease, secret);

  return (
    <div className="flex flex-wrap items-center justify-end gap-1.5 stacked:justify-start unstacked:min-w-48">
      {/* Temporary credentials cannot be extended at AWS: a new lease replaces them. */}
      {lease.status === "active" && secret.inputs.credentialType !== "temporary-credentials" ? (
        <>
          <Tooltip content={room === 0 ? "The lease has reached its max TTL" : "Renew"}>
            <Button
              variant="outline"
              size="sm"
              onClick={() => setRenewing(true)}
              disabled={room === 0}
              aria-label={`Renew lease ${lease.username}`}
            >
              <TimerReset aria-hidden="true" />
              Renew
            </Button>
          </Tooltip>
          <TtlDialog
            open={renewing}
            onOpenChange={setRenewing}
            title={`Renew lease ${lease.username}`}
            description={`The new expiry is counted from the current one (${formatDateTime(lease.expireAt)}).`}
            initialTtl={
              room !== null && room < (parseDuration(secret.defaultTTL) ?? 0)
                ? formatDurationForApi(Math.max(room, 60))
                : secret.defaultTTL
            }
            maxSeconds={room}
            maxMessage={
              room !== null
                ? `At most ${formatDurationForDisplay(room)} can be added: the max TTL is ` +
                  `${secret.maxTTL} from creation`
                : ""
            }
            hint={
              room === null
                ? `Default ${secret.defaultTTL}; this secret has no max TTL.`
                : `Default ${secret.defaultTTL}. At most ${formatDurationForDisplay(room)} can ` +
                  `still be added (max TTL ${secret.maxTTL} from creation).`
            }
            submitLabel="Renew lease"
            onSubmit={async (ttl) => {
              const { lease: renewed } = await renew.mutateAsync({ leaseId: lease.id, ttl });
              setRenewing(false);
              toast.success("Lease renewed", `It now expires ${formatDateTime(renewed.expireAt)}.`);
            }}
          />
        </>
      ) : null}
      <ConfirmDialog
        trigger={
          lease.status === "revoke_failed" ? (
            <Button variant="outline" size="sm" aria-label={`Retry revoking lease ${lease.username}`}>
              Retry now
            </Button>
          ) : (
            <Button
              variant="outline"
              size="sm"
              className="text-destructive"
              aria-label={`Revoke lease ${lease.username}`}
            >
              <Ban aria-hidden="true" />
              Revoke
            </Button>
          )
        }
        title={`Revoke lease ${lease.username}?`}
        description={leaseWords(secret).revoke(lease.username)}
        confirmLabel="Revoke lease"
        onConfirm={async () => {
          const { lease: revoked } = await revoke.mutateAsync({ leaseId: lease.id, isForced: false });
          toast.success("Lease revoked", leaseWords(secret).revoked(revoked.username));
        }}
      />
      {lease.status === "revoke_failed" && permissions.canForce ? (
        <ConfirmDialog
          trigger={
            <Button variant="destructive" size="sm" aria-label={`Force revoke lease ${lease.username}`}>
              Force revoke
            </Button>
          }
          title={`Force revoke ${lease.username}?`}
          description={
            <>
              Leasehold could not delete this IAM user ({lease.lastError ?? "AWS refused"}). Force revoke tries once
              more; if AWS still refuses, the lease is marked revoked <strong>without confirmation</strong> and the IAM
              user may remain in AWS. The audit log records that you forced it. Delete the user in IAM yourself, or use
              the orphan check of this secret.
            </>
          }
          confirmLabel="Force revoke"
          onConfirm={async () => {
            const { lease: forced } = await revoke.mutateAsync({ leaseId: lease.id, isForced: true });
            toast.success("Lease force-revoked", forced.statusDetails ?? undefined);
          }}
        />
      ) : null}
    </div>
  );
}
