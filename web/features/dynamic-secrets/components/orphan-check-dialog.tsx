import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { orphansQueryOptions, useDeleteOrphans } from "#web/features/dynamic-secrets/api.ts";
import { formatCompactDateTime } from "#web/lib/format.ts";

/**
 * The orphan check: IAM users under this secret's path, tagged as Leasehold's, that no live
 * lease accounts for. The person picks which to delete; each is re-checked just before.
 */
export function OrphanCheckDialog({
  location,
  secret,
  trigger,
  open: controlledOpen,
  onOpenChange,
}: {
  location: SecretLocation;
  secret: DynamicSecret;
  /** None when opened from a menu (`open` / `onOpenChange`). */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (next: boolean) => {
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const orphans = useQuery({ ...orphansQueryOptions(location, secret.name), enabled: open });
  const remove = useDeleteOrphans(location, secret.name);

  async function deleteChosen() {
    const result = await remove.mutateAsync([...chosen]).catch((error: unknown) => {
      toast.error(error);
      return null;
    });
    if (!result) return;
    setChosen(new Set());
    if (result.deleted.length)
      toast.success(`Deleted ${result.deleted.length} IAM user${result.deleted.length === 1 ? "" : "s"}`);
    for (const failure of result.failed) toast.error(`${failure.username}: ${failure.message}`);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setChosen(new Set());
      }}
    >
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Orphan check: “{secret.name}”</DialogTitle>
          <DialogDescription>
            IAM users under {secret.inputs.awsPath || "/"} tagged leasehold:managed that have no live lease, for example
            after a forced revoke while AWS was down.
          </DialogDescription>
        </DialogHeader>
        {orphans.isPending ? (
          <div role="status" className="grid gap-2" aria-busy="true" aria-label="Looking for orphaned users">
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </div>
        ) : orphans.isError ? (
          <Alert>{orphans.error.message}</Alert>
        ) : orphans.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No orphaned IAM users: every Leasehold user under this path belongs to a live lease.
          </p>
        ) : (
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Choose the users to delete</legend>
            {orphans.data.map((orphan) => (
              <label key={orphan.username} className="flex items-start gap-3 rounded-md border p-3 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={chosen.has(orphan.username)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(orphan.username);
                    else next.delete(orphan.username);
                    setChosen(next);
                  }}
                />
                <span className="grid gap-0.5">
                  <code className="font-mono">{orphan.username}</code>
                  <span className="text-xs text-muted-foreground">
                    {orphan.createdAt ? `created ${formatCompactDateTime(orphan.createdAt)}` : ""}{" "}
                    {orphan.leaseId ? `· lease ${orphan.leaseId}` : "· no lease tag"}
                  </span>
                </span>
              </label>
            ))}
            <p className="text-xs text-muted-foreground">
              Another Leasehold server sharing this AWS account and path would see its users here too: delete only users
              you recognise.
            </p>
          </fieldset>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Close</Button>
          </DialogClose>
          {orphans.data?.length ? (
            <Button
              variant="destructive"
              disabled={chosen.size === 0}
              pending={remove.isPending}
              onClick={() => void deleteChosen()}
            >
              Delete {chosen.size || ""} selected
            </Button>
          ) : null}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
