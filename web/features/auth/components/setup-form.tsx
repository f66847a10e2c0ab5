import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { setupInputSchema } from "#shared/schemas/auth.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { useSetup } from "#web/features/auth/api.ts";
import {
  confirmPasswordShape,
  passwordsMatch,
  passwordsMismatchIssue,
} from "#web/features/auth/components/confirm-password.ts";
import { NewPasswordFields } from "./new-password-fields.tsx";

const setupFormSchema = setupInputSchema.extend(confirmPasswordShape).refine(passwordsMatch, passwordsMismatchIssue);

export function SetupForm() {
  const navigate = useNavigate();
  const setup = useSetup();
  const form = useForm({
    resolver: zodResolver(setupFormSchema),
    defaultValues: {
      name: "",
      email: "",
      password: "",
      confirmPassword: "",
      organizationName: "My organization",
      projectName: "My first project",
    },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(({ confirmPassword: _, ...input }) =>
    setup.mutateAsync(input).then(
      ({ project }) => navigate({ to: "/projects/$projectId", params: { projectId: project.id } }),
      (error) => handleFormError(form, error, { inline: true }),
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      <fieldset className="grid gap-4">
        <legend className="mb-3 text-sm font-medium text-muted-foreground">Your admin account</legend>
        <Field invalid={!!errors.name}>
          <FieldLabel>Your name</FieldLabel>
          <Input autoComplete="name" autoFocus {...form.register("name")} />
          <FieldError>{errors.name?.message}</FieldError>
        </Field>
        <Field invalid={!!errors.email}>
          <FieldLabel>Email</FieldLabel>
          <Input type="email" autoComplete="email" {...form.register("email")} />
          <FieldError>{errors.email?.message}</FieldError>
        </Field>
        <NewPasswordFields
          password={form.register("password")}
          confirmPassword={form.register("confirmPassword")}
          errors={errors}
        />
      </fieldset>
      <fieldset className="grid gap-4">
        <legend className="mb-3 text-sm font-medium text-muted-foreground">Your workspace</legend>
        <Field invalid={!!errors.organizationName}>
          <FieldLabel>Organization name</FieldLabel>
          <Input autoComplete="organization" {...form.register("organizationName")} />
          <FieldError>{errors.organizationName?.message}</FieldError>
        </Field>
        <Field invalid={!!errors.projectName}>
          <FieldLabel>First project name</FieldLabel>
          <Input {...form.register("projectName")} />
          <FieldDescription>It starts with the environments dev, staging and prod.</FieldDescription>
          <FieldError>{errors.projectName?.message}</FieldError>
        </Field>
      </fieldset>
      <FormAlert form={form} />
      <Button type="submit" pending={setup.isPending} className="w-full">
        Create admin account
      </Button>
    </form>
  );
}
