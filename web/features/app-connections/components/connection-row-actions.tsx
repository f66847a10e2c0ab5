import { Ellipsis, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import type { AppConnection } from "#shared/schemas/app-connections.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "#web/components/ui/dropdown-menu.tsx";
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

/**
 * Delete, in a labelled menu: it is rare and cannot be undone. The dialog opens outside the menu (which closes),
 * and focus goes back to the More button when it closes without deleting.
 */
function MoreActions({ connection }: { connection: AppConnection }) {
  const [deleting, setDeleting] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button ref={trigger} variant="ghost" size="sm" aria-label={`More actions for ${connection.name}`}>
            <Ellipsis aria-hidden="true" />
            More
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem className="text-destructive" onSelect={() => setDeleting(true)}>
            <Trash2 aria-hidden="true" />
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <DeleteConnectionDialog
        connection={connection}
        open={deleting}
        onOpenChange={(open) => {
          setDeleting(open);
          if (!open) requestAnimationFrame(() => trigger.current?.focus());
        }}
      />
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
