import { type ReactNode, useState } from "react";
import { isLeaseholdError } from "#client/core/errors.ts";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useDeleteDynamicSecret } from "#web/features/dynamic-secrets/api.ts";

/**
 * Delete revokes every lease first. When AWS refuses a cleanup, the server answers 409 and
 * the dialog offers the forced delete, saying what it means.
 */
export function DeleteDynamicSecretDialog({
  location,
  secret,
  trigger,
  open,
  onOpenChange,
}: {
  location: SecretLocation;
  secret: DynamicSecret;
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const remove = useDeleteDynamicSecret(location);
  const [refusal, setRefusal] = useState<string | null>(null);
  const forced = refusal !== null;
  return (
    <ConfirmDialog
      trigger={trigger}
      {...(open !== undefined ? { open } : {})}
      {...(onOpenChange ? { onOpenChange } : {})}
      title={forced ? `Delete “${secret.name}” anyway?` : `Delete dynamic secret “${secret.name}”?`}
      description={
        forced ? (
          <>
            {refusal} Deleting anyway marks those leases revoked <strong>without confirmed cleanup</strong>: what they
            hold may remain in AWS, and the audit log records who forced it.
          </>
        ) : (
          `Its ${secret.activeLeaseCount} active ` +
          `lease${secret.activeLeaseCount === 1 ? "" : "s"} are revoked first: Leasehold ` +
          "undoes them at AWS. Credentials in use stop working. This cannot be undone."
        )
      }
      confirmLabel={forced ? "Delete anyway" : "Delete dynamic secret"}
      typeToConfirm={secret.name}
      onConfirm={async () => {
        try {
          await remove.mutateAsync({ name: secret.name, isForced: forced });
          toast.success(`Dynamic secret “${secret.name}” deleted`);
          setRefusal(null);
        } catch (error) {
          if (!forced && isLeaseholdError(error) && error.reasonCode === "leases_not_revoked") {
            setRefusal(error.message);
            throw new Error("Some leases could not be revoked. Read the dialog, then choose Delete anyway or Cancel.");
          }
          throw error;
        }
      }}
    />
  );
}
