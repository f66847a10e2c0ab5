import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { listAuditLogsQuerySchema } from "#shared/schemas/audit.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Select } from "#web/components/ui/select.tsx";
import type { AuditLogFilters as Filters } from "#web/features/audit-log/api.ts";
import {
  ActionOptions,
  ActorOptions,
  ProjectOptions,
  ResourceTypeOptions,
  useActorChoices,
  useProjectChoices,
} from "#web/features/audit-log/components/filter-options.tsx";
import { AUDIT_TIME_RANGE_KEYS, AUDIT_TIME_RANGES, type AuditTimeRange } from "#web/features/audit-log/time-ranges.ts";

const { action, resourceType, actorId } = listAuditLogsQuerySchema.shape;

// `from`/`to` are edited as local date-times (what <input type="datetime-local"> speaks) and sent as ISO.
const filterFormSchema = z
  .object({
    action,
    resourceType,
    actorId,
    projectId: z.string(),
    when: z.enum(["any", "custom", ...AUDIT_TIME_RANGE_KEYS]),
    from: z.string(),
    to: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.when !== "custom") return;
    if (!values.from && !values.to)
      ctx.addIssue({ code: "custom", path: ["from"], message: "Enter a start, an end, or both" });
    if (values.from && values.to && values.from > values.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "“To” must be after “From”" });
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

/**
 * The audit log's filters. The address is the source of truth: the form shows what the page is filtered by
 * (after Back, too), and Apply writes the address. Actions and resource types come from the server's own list.
 */
export function AuditLogFilters({
  orgId,
  filters,
  onApply,
}: {
  orgId: string;
  filters: Filters;
  onApply: (filters: Filters) => void;
}) {
  const actors = useActorChoices(orgId);
  const projects = useProjectChoices(orgId);
  const values = {
    action: filters.action ?? "",
    resourceType: filters.resourceType ?? "",
    actorId: filters.actorId ?? "",
    projectId: filters.projectId ?? "",
    when: filters.range ?? (filters.from || filters.to ? "custom" : "any"),
    from: toLocalInput(filters.from),
    to: toLocalInput(filters.to),
  } as const;
  // `values` (not defaultValues) keeps the form in step with the URL, e.g. after the back button.
  const form = useForm({ resolver: zodResolver(filterFormSchema), values });
  const { errors } = form.formState;
  const when = useWatch({ control: form.control, name: "when" });
  const hasFilters = Object.values(filters).some(Boolean);

  const onSubmit = form.handleSubmit((input) => {
    const custom = input.when === "custom";
    onApply({
      action: input.action || undefined,
      resourceType: input.resourceType || undefined,
      actorId: input.actorId || undefined,
      projectId: input.projectId || undefined,
      range: custom || input.when === "any" ? undefined : (input.when as AuditTimeRange),
      from: custom ? toIso(input.from) : undefined,
      to: custom ? toIso(input.to, { endOfMinute: true }) : undefined,
    });
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Filter audit log"
      className="mb-4 grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <Field invalid={!!errors.action}>
        <FieldLabel>Action</FieldLabel>
        <Select {...form.register("action")}>
          <ActionOptions current={values.action} />
        </Select>
        <FieldError>{errors.action?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.resourceType}>
        <FieldLabel>Resource type</FieldLabel>
        <Select {...form.register("resourceType")}>
          <ResourceTypeOptions current={values.resourceType} />
        </Select>
        <FieldError>{errors.resourceType?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.actorId}>
        <FieldLabel>Actor</FieldLabel>
        {/* Controlled: its options arrive after the form's values, and the choice must survive their arrival. */}
        <Controller
          control={form.control}
          name="actorId"
          render={({ field }) => (
            <Select {...field} value={field.value ?? ""} aria-busy={actors.isPending || undefined}>
              <ActorOptions current={values.actorId} choices={actors.data} />
            </Select>
          )}
        />
        {actors.isPending ? <FieldDescription>Loading people and identities…</FieldDescription> : null}
        {actors.isError ? (
          <FieldDescription>People and identities could not be loaded: {actors.error.message}</FieldDescription>
        ) : null}
        {actors.data?.truncated ? <FieldDescription>The first 100 people and identities.</FieldDescription> : null}
        <FieldError>{errors.actorId?.message}</FieldError>
      </Field>
      <Field>
        <FieldLabel>Project</FieldLabel>
        <Controller
          control={form.control}
          name="projectId"
          render={({ field }) => (
            <Select {...field} aria-busy={projects.isPending || undefined}>
              <ProjectOptions current={values.projectId} choices={projects.data} />
            </Select>
          )}
        />
        {projects.isError ? (
          <FieldDescription>Projects could not be loaded: {projects.error.message}</FieldDescription>
        ) : null}
        {projects.data?.truncated ? <FieldDescription>The first 100 projects by name.</FieldDescription> : null}
      </Field>
      <Field>
        <FieldLabel>When</FieldLabel>
        <Select {...form.register("when")}>
          <option value="any">Any time</option>
          {AUDIT_TIME_RANGE_KEYS.map((range) => (
            <option key={range} value={range}>
              {AUDIT_TIME_RANGES[range].label}
            </option>
          ))}
          <option value="custom">Between dates…</option>
        </Select>
      </Field>
      {when === "custom" ? (
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-2 lg:col-span-1">
          <legend className="sr-only">Date range</legend>
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
        </fieldset>
      ) : null}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-3">
        <Button type="submit">Apply filters</Button>
        {hasFilters ? (
          <Button type="button" variant="ghost" onClick={() => onApply({})}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
