import { zodResolver } from "@hookform/resolvers/zod";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ttlDurationSchema } from "#shared/schemas/dynamic-secrets.ts";
import { Button } from "#web/components/ui/button.tsx";
import { DialogClose, DialogFooter } from "#web/components/ui/dialog.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";

/** The lease schema's TTL rule, plus the ceiling that applies here (the max TTL, or what a renewal may still add). */
const ttlFormSchema = (maxSeconds: number | null, maxMessage: string) =>
  z.object({
    ttl: ttlDurationSchema.refine((seconds) => maxSeconds === null || seconds <= maxSeconds, { message: maxMessage }),
  });

/** TtlDialog's form, loaded when the dialog first opens and mounted afresh on each opening. */
export function TtlForm({
  initialTtl,
  maxSeconds,
  maxMessage,
  submitLabel,
  hint,
  onSubmit,
}: {
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
  const submit = form.handleSubmit(({ ttl }) =>
    onSubmit(String(ttl)).catch((error: unknown) => handleFormError(form, error)),
  );
  const error = form.formState.errors.ttl;
  return (
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
  );
}
