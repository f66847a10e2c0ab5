import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";

/** A new password and its confirmation, as first-run setup and the invite page both ask. */
export function NewPasswordFields(props: {
  password: UseFormRegisterReturn;
  confirmPassword: UseFormRegisterReturn;
  errors: {
    password?: { message?: string | undefined } | undefined;
    confirmPassword?: { message?: string | undefined } | undefined;
  };
}) {
  const { errors } = props;
  return (
    <>
      <Field invalid={!!errors.password}>
        <FieldLabel>Password</FieldLabel>
        <Input type="password" autoComplete="new-password" {...props.password} />
        {/* One message per rule: the error replaces the hint that says the same thing (issue 12, item 9). */}
        {!errors.password && <FieldDescription>At least 12 characters.</FieldDescription>}
        <FieldError>{errors.password?.message}</FieldError>
      </Field>
      <Field invalid={!!errors.confirmPassword}>
        <FieldLabel>Confirm password</FieldLabel>
        <Input type="password" autoComplete="new-password" {...props.confirmPassword} />
        <FieldError>{errors.confirmPassword?.message}</FieldError>
      </Field>
    </>
  );
}
