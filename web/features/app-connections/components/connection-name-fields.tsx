import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Textarea } from "#web/components/ui/textarea.tsx";

/** Name and description, the same for both methods (and in the edit dialog). */
export function ConnectionNameFields({
  name,
  nameError,
  description,
  descriptionError,
}: {
  name: UseFormRegisterReturn;
  nameError?: string | undefined;
  description: UseFormRegisterReturn;
  descriptionError?: string | undefined;
}) {
  return (
    <>
      <Field invalid={!!nameError}>
        <FieldLabel>Connection name</FieldLabel>
        <Input {...name} placeholder="prod-aws" autoComplete="off" spellCheck={false} />
        <FieldDescription>
          Lowercase letters, digits and hyphens. Dynamic secrets and API calls refer to it.
        </FieldDescription>
        <FieldError>{nameError}</FieldError>
      </Field>
      <Field invalid={!!descriptionError}>
        <FieldLabel>Description (optional)</FieldLabel>
        <Textarea {...description} rows={2} placeholder="Production account, managed by the platform team" />
        <FieldError>{descriptionError}</FieldError>
      </Field>
    </>
  );
}
