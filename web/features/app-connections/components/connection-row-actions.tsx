import { Trash2 } from "lucide-react";
import { useState } from "react";
import type { AppConnection } from "#shared/schemas/app-connections.ts";
import { MoreActionsMenu } from "#web/components/more-actions-menu.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useTestConnection } from "#web/features/app-connections/api.ts";
import { DeleteConnectionDialog } from "#web/features/app-connections/components/delete-connection-dialog.tsx";
import { EditConnectionDialog } from "#web/features/app-connections/components/edit-connection-dialog.tsx";

function TestButton({ connection }: { connection: AppConnection }) {
  const test = useTestConnection();
  const testing = test.isPending && test.variables === connection.id;
  return (
    <Button
      variant="outline"
      size="sm"
      pending={testing}
      aria-label={`Test ${connection.name}`}
      onClick={() =>
        test.mutate(connection.id, {
          onSuccess: (data) =>
            toast.success(`${connection.name} works`, `AWS answered as ${data.appConnection.identityArn}`),
          onError: (error) => toast.error(error),
        })
      }
    >
      Test
    </Button>
  );
}

/** Delete, in a labelled menu: it is rare and cannot be undone. */
function MoreActions({ connection }: { connection: AppConnection }) {
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <MoreActionsMenu
        name={connection.name}
        actions={[{ label: "Delete", icon: Trash2, destructive: true, onSelect: () => setDeleting(true) }]}
      />
      <DeleteConnectionDialog connection={connection} open={deleting} onOpenChange={setDeleting} />
    </>
  );
}

/** A connection's actions where it is managed: Test and Edit in words, Delete under More. */
export function ConnectionRowActions({ connection }: { connection: AppConnection }) {
  return (
    <div className="flex items-center justify-end gap-1">
      <TestButton connection={connection} />
      <EditConnectionDialog connection={connection} />
      <MoreActions connection={connection} />
    </div>
  );
}
