import { zodResolver } from "@hookform/resolvers/zod";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { orgRoleSchema } from "#shared/schemas/common.ts";
import { createIdentityInputSchema, type Identity } from "#shared/schemas/identities.ts";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { useCreateIdentity, useUpdateIdentity } from "#web/features/identities/api.ts";
import { orgRoleOptions } from "#web/features/identities/components/labels.ts";

const basicsSchema = createIdentityInputSchema.pick({ name: true }).extend({ role: orgRoleSchema });

/** Name and org role: creates the identity, or renames it when `identity` is given. */
export function IdentityBasicsForm({
  orgId,
  identity,
  onSaved,
  actions,
}: {
  orgId: string;
  identity: Identity | null;
  onSaved: (identity: Identity) => void;
  actions: (state: { pending: boolean }) => ReactNode;
}) {
  const create = useCreateIdentity();
  const update = useUpdateIdentity(identity?.id ?? "");
  const form = useForm({
    resolver: zodResolver(basicsSchema),
    mode: "onTouched",
    defaultValues: { name: identity?.name ?? "", role: identity?.role ?? "member" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    (identity ? update.mutateAsync(values) : create.mutateAsync({ ...values, organizationId: orgId })).then(
      (data) => onSaved(data.identity),
      (error) => handleFormError(form, error, { inline: true }),
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5" aria-label="Identity name and role">
      <Field invalid={!!errors.name}>
        <FieldLabel>Name</FieldLabel>
        <Input {...form.register("name")} autoComplete="off" placeholder="payments-lambda" />
        <FieldDescription>
          What the machine is, e.g. the service or function that logs in. Unique in the organization.
        </FieldDescription>
        <FieldError>{errors.name?.message}</FieldError>
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Organization role</legend>
        {orgRoleOptions.map((option) => (
          <label
            key={option.value}
            className={
              "flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm " +
              "has-[:checked]:border-primary has-[:checked]:bg-primary/5"
            }
          >
            <input
              type="radio"
              value={option.value}
              {...form.register("role")}
              className="mt-0.5 size-4 accent-primary"
            />
            <span className="grid gap-0.5">
              <span className="font-medium">{option.label}</span>
              <span className="text-muted-foreground">{option.description}</span>
            </span>
          </label>
        ))}
        <p className="text-sm text-muted-foreground">
          Projects are separate: the identity can do nothing in a project until it is added to it.
        </p>
        <FieldError>{errors.role?.message}</FieldError>
      </fieldset>
      <FormAlert form={form} />
      <div className="flex flex-wrap gap-2">{actions({ pending: form.formState.isSubmitting })}</div>
    </form>
  );
}
