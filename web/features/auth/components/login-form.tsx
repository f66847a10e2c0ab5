import { useRouter } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { isLeaseholdError } from "#client/core/errors.ts";
import type { LoginInput } from "#shared/schemas/auth.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { safeRedirectPath } from "#web/lib/safe-redirect.ts";
import { logIn } from "#web/lib/session.ts";

type Errors = Partial<Record<keyof LoginInput | "form", string>>;

// The form is checked with the shared loginInputSchema, as the server checks it, but zod is
// not part of /login's first download: its module is fetched at the first keystroke (or
// autofill), so it is there by the time the person submits. Two fields need no form library.
let schemas: Promise<typeof import("#shared/schemas/auth.ts")> | undefined;
const loadSchemas = () => {
  schemas ??= import("#shared/schemas/auth.ts").catch((error: unknown) => {
    schemas = undefined;
    throw error;
  });
  return schemas;
};

export function LoginForm({ redirectTo }: { redirectTo: string | undefined }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);

  function showErrors(next: Errors) {
    setErrors(next);
    // Like the other forms: the first field in error takes the focus.
    if (next.email) email.current?.focus();
    else if (next.password) password.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const values = { email: email.current?.value ?? "", password: password.current?.value ?? "" };
    setPending(true);
    try {
      const { loginInputSchema } = await loadSchemas();
      const parsed = loginInputSchema.safeParse(values);
      if (!parsed.success) {
        const found: Errors = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path[0];
          if ((field === "email" || field === "password") && !found[field]) found[field] = issue.message;
        }
        return showErrors(found);
      }
      setErrors({});
      await logIn(parsed.data);
      // history.push keeps the query string of the page the person was on before being signed out.
      router.history.push(safeRedirectPath(redirectTo));
    } catch (error) {
      // The server gives one message for an unknown email and a wrong password (no account probing),
      // and a 429 when rate-limited; both are shown as-is above the button.
      if (password.current) password.current.value = "";
      const found: Errors = {};
      for (const issue of isLeaseholdError(error) ? error.issues : []) {
        const field = issue.path[0];
        if ((field === "email" || field === "password") && !found[field]) found[field] = issue.message;
      }
      if (!found.email && !found.password) {
        // Not an API answer: the validation module could not be fetched (offline, or a deploy replaced it).
        found.form = isLeaseholdError(error)
          ? error.message
          : "Could not reach Leasehold. Reload the page and try again.";
      }
      showErrors(found);
    } finally {
      setPending(false);
    }
  }

  /** A corrected field loses its message at once, as with the forms built on react-hook-form. */
  const clearError = (field: keyof LoginInput) => () =>
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));

  return (
    <form onSubmit={onSubmit} onInput={() => void loadSchemas().catch(() => {})} noValidate className="grid gap-4">
      <Field invalid={!!errors.email}>
        <FieldLabel>Email</FieldLabel>
        <Input ref={email} name="email" type="email" autoComplete="username" autoFocus onChange={clearError("email")} />
        <FieldError>{errors.email}</FieldError>
      </Field>
      <Field invalid={!!errors.password}>
        <FieldLabel>Password</FieldLabel>
        <Input
          ref={password}
          name="password"
          type="password"
          autoComplete="current-password"
          onChange={clearError("password")}
        />
        <FieldError>{errors.password}</FieldError>
      </Field>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <Button type="submit" pending={pending} className="w-full">
        Log in
      </Button>
    </form>
  );
}
