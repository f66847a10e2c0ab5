import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "@tanstack/react-router";
import { useForm } from "react-hook-form";
import { loginInputSchema } from "#shared/schemas/auth.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { useLogin } from "#web/features/auth/api.ts";
import { safeRedirectPath } from "#web/lib/safe-redirect.ts";

export function LoginForm({ redirectTo }: { redirectTo: string | undefined }) {
  const router = useRouter();
  const login = useLogin();
  const form = useForm({
    resolver: zodResolver(loginInputSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors } = form.formState;

  // The server gives one message for an unknown email and a wrong password (no account probing),
  // and a 429 when rate-limited; both are shown as-is above the button.
  const onSubmit = form.handleSubmit((input) =>
    login.mutateAsync(input).then(
      // history.push keeps the query string of the page the person was on before being signed out.
      () => router.history.push(safeRedirectPath(redirectTo)),
      (error) => {
        form.resetField("password");
        handleFormError(form, error, { inline: true });
      },
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <Field invalid={!!errors.email}>
        <FieldLabel>Email</FieldLabel>
        <Input type="email" autoComplete="username" autoFocus {...form.register("email")} />
        <FieldError>{errors.email?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.password}>
        <FieldLabel>Password</FieldLabel>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
        <FieldError>{errors.password?.message}</FieldError>
      </Field>
      <FormAlert form={form} />
      <Button type="submit" pending={login.isPending} className="w-full">
        Log in
      </Button>
    </form>
  );
}
