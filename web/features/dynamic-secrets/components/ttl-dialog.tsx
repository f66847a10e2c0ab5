import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useEffect } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ttlDurationSchema } from "#shared/schemas/dynamic-secrets.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "#web/components/ui/dialog.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";

/** The lease schema's TTL rule, plus the ceiling that applies here (the max TTL, or what a renewal may still add). */
const ttlFormSchema = (maxSeconds: number | null, maxMessage: string) =>
  z.object({
    ttl: ttlDurationSchema.refine((seconds) => maxSeconds === null || seconds <= maxSeconds, { message: maxMessage }),
  });

/** Asks for a TTL (generate a lease, renew one), validated before it is sent. */
export function TtlDialog({
  open,
  onOpenChange,
  title,
  description,
  initialTtl,
  maxSeconds,
  maxMessage,
  submitLabel,
  hint,
  onSubmit,
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
  const form = useForm({
    resolver: zodResolver(ttlFormSchema(maxSeconds, maxMessage), undefined, { raw: true }),
    defaultValues: { ttl: initialTtl },
  });
  useEffect(() => {
    if (open) form.reset({ ttl: initialTtl });
  }, [open, initialTtl, form]);
  const submit = form.handleSubmit(({ ttl }) =>
    onSubmit(String(ttl)).catch((error: unknown) => handleFormError(form, error)),
  );
  const error = form.formState.errors.ttl;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <Field invalid={!!error}>
            <FieldLabel>TTL</FieldLabel>
            <Input {...form.register("ttl")} autoComplete="off" autoFocus />
            <FieldDescription>{hint}</FieldDescription>
            <FieldError>{error?.message}</FieldError>
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={form.formState.isSubmitting}>
              {submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
