import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { slugify } from "#shared/schemas/common.ts";
import { createEnvironmentInputSchema, type Environment } from "#shared/schemas/projects.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useCreateEnvironment, useUpdateEnvironment } from "#web/features/projects/api.ts";

/**
 * Adds an environment, or edits one when `environment` is given. Both use the create schema (name and
 * slug are required either way); an edit sends only what changed, so an untouched slug is never re-checked.
 */
export function EnvironmentFormDialog({
  projectId,
  environment,
  trigger,
  onSaved,
}: {
  projectId: string;
  environment?: Environment;
  trigger: ReactNode;
  onSaved?: (environment: Environment) => void;
}) {
  const [open, setOpen] = useState(false);
  const createEnvironment = useCreateEnvironment(projectId);
  const updateEnvironment = useUpdateEnvironment(projectId);
  const mutation = environment ? updateEnvironment : createEnvironment;
  const defaultValues = { name: environment?.name ?? "", slug: environment?.slug ?? "" };
  const form = useForm({ resolver: zodResolver(createEnvironmentInputSchema), defaultValues });
  const { errors, dirtyFields } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      if (environment && values.name === environment.name && values.slug === environment.slug) {
        setOpen(false);
        return;
      }
      const { environment: saved } = environment
        ? await updateEnvironment.mutateAsync({
            environmentId: environment.id,
            name: values.name === environment.name ? undefined : values.name,
            slug: values.slug === environment.slug ? undefined : values.slug,
          })
        : await createEnvironment.mutateAsync(values);
      setOpen(false);
      form.reset(defaultValues);
      toast.success(environment ? `Environment “${saved.name}” saved` : `Environment “${saved.name}” added`);
      onSaved?.(saved);
    } catch (error) {
      handleFormError(form, error);
    }
  });

  const nameField = form.register("name", {
    // Suggest a slug from the name for new environments until the person edits the slug.
    onChange: (event: { target: { value: string } }) => {
      if (!environment && !dirtyFields.slug) form.setValue("slug", slugify(event.target.value));
    },
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Opening starts from the environment as it is now: a rename saved since must not be sent back.
        form.reset(defaultValues);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{environment ? `Edit environment “${environment.name}”` : "Add environment"}</DialogTitle>
          <DialogDescription>
            {environment
              ? "Changing the slug breaks scripts and SDK calls that use the old one."
              : "For example a region, a customer, or a stage such as qa."}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <Field invalid={!!errors.name}>
            <FieldLabel>Name</FieldLabel>
            <Input autoComplete="off" {...nameField} />
            <FieldError>{errors.name?.message}</FieldError>
          </Field>
          <Field invalid={!!errors.slug}>
            <FieldLabel>Slug</FieldLabel>
            <Input autoComplete="off" spellCheck={false} {...form.register("slug")} />
            <FieldDescription>Lowercase letters, digits and hyphens; used as environmentSlug by SDKs.</FieldDescription>
            <FieldError>{errors.slug?.message}</FieldError>
          </Field>
          <DialogFooter>
            <Button type="submit" pending={mutation.isPending}>
              {environment ? "Save" : "Add environment"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
