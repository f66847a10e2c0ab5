import type { AppConnection } from "#shared/schemas/app-connections.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "#web/components/ui/alert-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useDeleteConnection } from "#web/features/app-connections/api.ts";

/**
 * Confirms a delete, opened from the row's More menu. When the server refuses because dynamic secrets still use
 * the connection, its message (which names them) stays in the dialog rather than in a passing toast.
 */
export function DeleteConnectionDialog({
  connection,
  open,
  onOpenChange: setOpen,
}: {
  connection: AppConnection;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const remove = useDeleteConnection();

  async function confirm() {
    try {
      await remove.mutateAsync(connection.id);
      setOpen(false);
      toast.success(`Connection ${connection.name} deleted`);
    } catch {
      // Shown in the dialog below.
    }
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (remove.isPending) return;
        setOpen(next);
        if (!next) remove.reset();
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {connection.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            Leasehold forgets this connection{connection.method === "access-key" ? " and its stored key" : ""}. Nothing
            changes in AWS: remove the {connection.method === "assume-role" ? "role" : "IAM user's key"} there yourself
            if it is no longer needed.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {remove.error ? <Alert>{remove.error.message}</Alert> : null}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="outline" disabled={remove.isPending}>
              Cancel
            </Button>
          </AlertDialogCancel>
          <Button variant="destructive" pending={remove.isPending} onClick={confirm}>
            Delete connection
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
