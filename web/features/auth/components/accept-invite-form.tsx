import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { acceptInviteInputSchema } from "#shared/schemas/auth.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { useAcceptInvite } from "#web/features/auth/api.ts";
import {
  confirmPasswordShape,
  passwordsMatch,
  passwordsMismatchIssue,
} from "#web/features/auth/components/confirm-password.ts";
import { NewPasswordFields } from "./new-password-fields.tsx";

// The token comes from the link, not from a field.
const acceptInviteFormSchema = acceptInviteInputSchema
  .omit({ token: true })
  .extend(confirmPasswordShape)
  .refine(passwordsMatch, passwordsMismatchIssue);

export function AcceptInviteForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const acceptInvite = useAcceptInvite();
  const form = useForm({
    resolver: zodResolver(acceptInviteFormSchema),
    defaultValues: { name: "", password: "", confirmPassword: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(({ confirmPassword: _, ...values }) =>
    acceptInvite.mutateAsync({ ...values, token }).then(
      () => navigate({ to: "/projects" }),
      (error) => handleFormError(form, error, { inline: true }),
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <Field invalid={!!errors.name}>
        <FieldLabel>Your name</FieldLabel>
        <Input autoComplete="name" autoFocus {...form.register("name")} />
        <FieldError>{errors.name?.message}</FieldError>
      </Field>
      <NewPasswordFields
        password={form.register("password")}
        confirmPassword={form.register("confirmPassword")}
        errors={errors}
      />
      <FormAlert form={form} />
      <Button type="submit" pending={acceptInvite.isPending} className="w-full">
        Set password and sign in
      </Button>
    </form>
  );
}
