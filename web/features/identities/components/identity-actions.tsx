import { Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import type { Identity } from "#shared/schemas/identities.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useDeleteIdentity } from "#web/features/identities/api.ts";
import { IdentityBasicsForm } from "#web/features/identities/components/identity-basics-form.tsx";
import { isUnfinished } from "#web/features/identities/components/unfinished-identity.tsx";

/**
 * Rename or change the org role; delete, which revokes every token at once (typing the name first, unless the
 * identity cannot log in: then it holds no working token).
 */
export function IdentityActions({ identity, onDeleted }: { identity: Identity; onDeleted: () => void }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteIdentity(identity.id);
  return (
    <div className="flex flex-wrap gap-2">
      <Dialog open={editing} onOpenChange={setEditing}>
        <DialogTrigger asChild>
          <Button variant="outline">
            <Pencil aria-hidden="true" />
            Edit
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Edit identity</DialogTitle>
            <DialogDescription>Its tokens keep working; a new role applies to their next request.</DialogDescription>
          </DialogHeader>
          <IdentityBasicsForm
            orgId={identity.orgId}
            identity={identity}
            onSaved={(saved) => {
              setEditing(false);
              toast.success(`Saved “${saved.name}”`);
            }}
            actions={({ pending }) => (
              <Button type="submit" pending={pending}>
                Save changes
              </Button>
            )}
          />
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        trigger={
          <Button variant="outline-destructive">
            <Trash2 aria-hidden="true" />
            Delete
          </Button>
        }
        title={`Delete ${identity.name}?`}
        description="Every token it holds stops working at once, and it leaves every project. This cannot be undone."
        confirmLabel="Delete identity"
        {...(isUnfinished(identity) ? {} : { typeToConfirm: identity.name })}
        onConfirm={async () => {
          await remove.mutateAsync();
          toast.success(`Deleted “${identity.name}”`);
          onDeleted();
        }}
      />
    </div>
  );
}
