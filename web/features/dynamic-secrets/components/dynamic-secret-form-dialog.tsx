import { lazy, type ReactNode, Suspense, useState } from "react";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";

// The form (react-hook-form, the field modules, the input schemas) loads when the dialog opens:
// every row's Edit button renders this dialog, and the Secrets page's first download need not carry it.
const DynamicSecretForm = lazy(() =>
  import("#web/features/dynamic-secrets/components/dynamic-secret-form.tsx").then((module) => ({
    default: module.DynamicSecretForm,
  })),
);

/**
 * Add Dynamic Secret → AWS IAM, or edit one: every field of the seed, a live username preview, and Test
 * configuration.
 */
export function DynamicSecretFormDialog({
  location,
  projectId,
  existing = null,
  trigger,
}: {
  location: SecretLocation;
  projectId: string;
  existing?: DynamicSecret | null;
  trigger: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent size="lg">
        <DialogHeader>
          <DialogTitle>{existing ? `Edit “${existing.name}”` : "Add Dynamic Secret: AWS IAM"}</DialogTitle>
          <DialogDescription>
            Each lease hands out AWS credentials that end at expiry or on revoke. Stored in {location.environmentSlug}:
            {location.path}.
          </DialogDescription>
        </DialogHeader>
        {/* The content is mounted only while open, so each opening starts from the secret's saved values. */}
        <Suspense fallback={<Skeleton className="h-96 w-full" aria-label="Loading the form" />}>
          <DynamicSecretForm
            location={location}
            projectId={projectId}
            existing={existing}
            onDone={() => setOpen(false)}
          />
        </Suspense>
      </DialogContent>
    </Dialog>
  );
}
