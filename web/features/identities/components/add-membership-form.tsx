import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useForm } from "react-hook-form";
import { projectRoleSchema } from "#shared/schemas/common.ts";
import { addIdentityMembershipInputSchema, type IdentityMembership } from "#shared/schemas/identities.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { projectChoicesQueryOptions, useAddMembership } from "#web/features/identities/api.ts";
import { projectRoleOptions } from "#web/features/identities/components/labels.ts";

const membershipFormSchema = addIdentityMembershipInputSchema.extend({ role: projectRoleSchema });

/** Picks a project the identity is not in yet, and a role, and adds it at once. */
export function AddMembershipForm({
  identityId,
  existing,
  onAdded,
}: {
  identityId: string;
  existing: IdentityMembership[];
  onAdded?: (membership: IdentityMembership) => void;
}) {
  const projects = useQuery(projectChoicesQueryOptions());
  const add = useAddMembership(identityId);
  const form = useForm({
    resolver: zodResolver(membershipFormSchema),
    defaultValues: { projectId: "", role: "viewer" as const },
  });
  const { errors } = form.formState;
  const taken = new Set(existing.map((m) => m.projectId));
  const choices = (projects.data ?? []).filter((p) => !taken.has(p.id));

  const onSubmit = form.handleSubmit((input) =>
    add.mutateAsync(input).then(
      (data) => {
        form.reset({ projectId: "", role: input.role });
        onAdded?.(data.membership);
      },
      (error) => handleFormError(form, error, { inline: true }),
    ),
  );

  if (projects.isPending) return <Skeleton className="h-16 w-full" />;
  if (projects.isError) return <FormAlert form={form} />;
  if (choices.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        {taken.size > 0 ? "It is already in every project." : "There are no projects yet."}
      </p>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3" aria-label="Add to a project">
      <div className="grid items-start gap-3 sm:grid-cols-[1fr_12rem_auto]">
        <Field invalid={!!errors.projectId}>
          <FieldLabel>Project</FieldLabel>
          <Select {...form.register("projectId")}>
            <option value="">Choose a project…</option>
            {choices.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </Select>
          <FieldError>{errors.projectId?.message}</FieldError>
        </Field>
        <Field invalid={!!errors.role}>
          <FieldLabel>Project role</FieldLabel>
          <Select {...form.register("role")}>
            {projectRoleOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
          <FieldError>{errors.role?.message}</FieldError>
        </Field>
        <Button type="submit" variant="outline" className="sm:mt-6" pending={form.formState.isSubmitting}>
          <Plus aria-hidden="true" />
          Add to project
        </Button>
      </div>
      <ul className="grid gap-0.5 text-xs text-muted-foreground">
        {projectRoleOptions.map((option) => (
          <li key={option.value}>
            <span className="font-medium text-foreground">{option.label}:</span> {option.description}
          </li>
        ))}
      </ul>
      <FormAlert form={form} />
    </form>
  );
}
