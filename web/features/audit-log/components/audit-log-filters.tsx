import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { listAuditLogsQuerySchema } from "#shared/schemas/audit.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import type { AuditLogFilters as Filters } from "#web/features/audit-log/api.ts";

const { action, resourceType } = listAuditLogsQuerySchema.shape;

// `from`/`to` are edited as local date-times (what <input type="datetime-local"> speaks) and sent as ISO.
const filterFormSchema = z
  .object({ action, resourceType, from: z.string(), to: z.string() })
  .refine((values) => !values.from || !values.to || values.from <= values.to, {
    message: "“To” must be after “From”",
    path: ["to"],
  });

function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  // Shift by the time-zone offset so toISOString() prints local wall-clock time.
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** `endOfMinute`: the picker has minute precision, so "to 12:30" must still include 12:30:45. */
function toIso(local: string, { endOfMinute = false } = {}): string | undefined {
  if (!local) return undefined;
  return new Date(new Date(local).getTime() + (endOfMinute ? 59_999 : 0)).toISOString();
}

export function AuditLogFilters({
  filters,
  onApply,
  actionSuggestions,
  resourceTypeSuggestions,
}: {
  filters: Filters;
  onApply: (filters: Filters) => void;
  actionSuggestions: string[];
  resourceTypeSuggestions: string[];
}) {
  const values = {
    action: filters.action ?? "",
    resourceType: filters.resourceType ?? "",
    from: toLocalInput(filters.from),
    to: toLocalInput(filters.to),
  };
  // `values` (not defaultValues) keeps the form in step with the URL, e.g. after the back button.
  const form = useForm({ resolver: zodResolver(filterFormSchema), values });
  const { errors } = form.formState;
  const hasFilters = Object.values(filters).some(Boolean);

  const onSubmit = form.handleSubmit((input) =>
    onApply({
      action: input.action || undefined,
      resourceType: input.resourceType || undefined,
      from: toIso(input.from),
      to: toIso(input.to, { endOfMinute: true }),
    }),
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Filter audit log"
      className="mb-4 grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto]"
    >
      <Field invalid={!!errors.action}>
        <FieldLabel>Action</FieldLabel>
        <Input list="audit-action-suggestions" autoComplete="off" {...form.register("action")} />
        <datalist id="audit-action-suggestions">
          {actionSuggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
        <FieldError>{errors.action?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.resourceType}>
        <FieldLabel>Resource type</FieldLabel>
        <Input list="audit-resource-suggestions" autoComplete="off" {...form.register("resourceType")} />
        <datalist id="audit-resource-suggestions">
          {resourceTypeSuggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
        <FieldError>{errors.resourceType?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.from}>
        <FieldLabel>From</FieldLabel>
        <Input type="datetime-local" {...form.register("from")} />
        <FieldError>{errors.from?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.to}>
        <FieldLabel>To</FieldLabel>
        <Input type="datetime-local" {...form.register("to")} />
        <FieldError>{errors.to?.message}</FieldError>
      </Field>
      <div className="flex items-end gap-2">
        <Button type="submit">Apply</Button>
        {hasFilters ? (
          <Button type="button" variant="ghost" onClick={() => onApply({})}>
            Clear
          </Button>
        ) : null}
      </div>
    </form>
  );
}
