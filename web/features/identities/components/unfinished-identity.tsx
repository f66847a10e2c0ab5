import { Link } from "@tanstack/react-router";
import { ArrowRight, Trash2 } from "lucide-react";
import { type ReactNode, useState } from "react";
import type { Identity } from "#shared/schemas/identities.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { MoreActionsMenu } from "#web/components/more-actions-menu.tsx";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useDeleteIdentity } from "#web/features/identities/api.ts";

/**
 * An identity without an auth method cannot log in: most often one whose wizard was left after step 1, which
 * creates it (docs/decisions/1271-half-made-identities.md). It is offered back to the wizard, or deleted.
 */
export const isUnfinished = (identity: Pick<Identity, "authMethods">) => identity.authMethods.length === 0;

/** The wizard at its AWS Auth step, for this identity. */
function FinishSetupLink({ identity, size = "sm" }: { identity: Identity; size?: "sm" | "md" }) {
  return (
    <Button asChild size={size}>
      <Link
        to="/identities/new"
        search={{ step: 2, identityId: identity.id }}
        aria-label={`Finish setup of ${identity.name}`}
      >
        Finish setup
        <ArrowRight aria-hidden="true" />
      </Link>
    </Button>
  );
}

/**
 * Deleting an identity that cannot log in: a plain confirmation (no name to type), as it holds no working
 * token. Opened by a trigger or, from a menu, by `open`.
 */
function DeleteUnfinishedIdentityDialog({
  identity,
  trigger,
  open,
  onOpenChange,
  onDeleted,
}: {
  identity: Identity;
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const remove = useDeleteIdentity(identity.id);
  return (
    <ConfirmDialog
      trigger={trigger}
      {...(open === undefined ? {} : { open })}
      {...(onOpenChange ? { onOpenChange } : {})}
      title={`Delete ${identity.name}?`}
      description="It has no way to log in yet. It leaves any project it was added to. This cannot be undone."
      confirmLabel="Delete identity"
      onConfirm={async () => {
        await remove.mutateAsync();
        toast.success(`Deleted “${identity.name}”`);
        onDeleted?.();
      }}
    />
  );
}

/** In the identities list: "Finish setup", and Delete in a labelled More menu that gives focus back when done. */
export function UnfinishedIdentityRowActions({ identity }: { identity: Identity }) {
  const [deleting, setDeleting] = useState(false);
  return (
    <div className="flex items-center gap-1.5">
      <FinishSetupLink identity={identity} />
      <MoreActionsMenu
        name={identity.name}
        actions={[{ label: "Delete", icon: Trash2, destructive: true, onSelect: () => setDeleting(true) }]}
      />
      <DeleteUnfinishedIdentityDialog identity={identity} open={deleting} onOpenChange={setDeleting} />
    </div>
  );
}

/** On the identity's page: why it cannot log in, and the two ways out. */
export function UnfinishedIdentityNotice({ identity, onDeleted }: { identity: Identity; onDeleted: () => void }) {
  return (
    <Alert variant="warning" aria-label="Setup not finished">
      <p className="font-medium">Setup not finished: {identity.name} cannot log in.</p>
      <p>
        It has no auth method yet. Finish its setup to give it AWS Auth and projects, or delete it if it was started by
        mistake.
      </p>
      <div className="mt-1 flex flex-wrap gap-2">
        <FinishSetupLink identity={identity} />
        <DeleteUnfinishedIdentityDialog
          identity={identity}
          onDeleted={onDeleted}
          trigger={
            <Button variant="outline-destructive" size="sm">
              <Trash2 aria-hidden="true" />
              Delete identity
            </Button>
          }
        />
      </div>
    </Alert>
  );
}
