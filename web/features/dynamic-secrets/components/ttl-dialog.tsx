import { lazy, type ReactNode, Suspense } from "react";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "#web/components/ui/dialog.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";

// The form (react-hook-form, zod) loads when the dialog first opens: every lease row renders a
// Renew dialog, and the Secrets page's first download need not carry it.
const TtlForm = lazy(() =>
  import("#web/features/dynamic-secrets/components/ttl-form.tsx").then((module) => ({ default: module.TtlForm })),
);

/** Asks for a TTL (generate a lease, renew one), validated before it is sent. */
export function TtlDialog({
  open,
  onOpenChange,
  title,
  description,
  ...form
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  initialTtl: string;
  maxSeconds: number | null;
  maxMessage: string;
  submitLabel: string;
  hint: ReactNode;
  onSubmit: (ttl: string) => Promise<unknown>;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so each opening starts from initialTtl. */}
        <Suspense fallback={<Skeleton className="h-24 w-full" aria-label="Loading the form" />}>
          <TtlForm {...form} />
        </Suspense>
      </DialogContent>
    </Dialog>
  );
}
