import { zodResolver } from "@hookform/resolvers/zod";
import { createAccessKeyConnectionInputSchema } from "#shared/schemas/app-connections.ts";
import { AccessKeyIdWarning } from "#web/components/access-key-id-warning.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { SecretInput } from "#web/components/ui/secret-input.tsx";
import {
  ConnectFooter,
  type ConnectFormProps,
  useConnectForm,
} from "#web/features/app-connections/components/connect-form.tsx";
import { ConnectionNameFields } from "#web/features/app-connections/components/connection-name-fields.tsx";

/** Name and the IAM user's key; "Connect to AWS" stores it (encrypted) only once AWS accepts it. */
export function AccessKeyForm({ scope, onConnected, id, onSubmittingChange }: ConnectFormProps) {
  const { form, onSubmit } = useConnectForm(zodResolver(createAccessKeyConnectionInputSchema), {
    mode: "onTouched",
    onConnected,
    onSubmittingChange,
    defaultValues: {
      name: "",
      description: "",
      method: "access-key",
      projectId: scope.projectId,
      credentials: { accessKeyId: "", secretAccessKey: "" },
    },
  });
  const { errors } = form.formState;

  return (
    <form id={id} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Connect with an access key">
      <ConnectionNameFields
        name={form.register("name")}
        nameError={errors.name?.message}
        description={form.register("description")}
        descriptionError={errors.description?.message}
      />
      <Field invalid={!!errors.credentials?.accessKeyId}>
        <FieldLabel>Access key ID</FieldLabel>
        <Input
          {...form.register("credentials.accessKeyId")}
          placeholder="AKIAIOSFODNN7EXAMPLE"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
        />
        <FieldDescription>IAM → Users → your user → Security credentials → Create access key.</FieldDescription>
        <FieldError>{errors.credentials?.accessKeyId?.message}</FieldError>
        {!errors.credentials?.accessKeyId && <AccessKeyIdWarning value={form.watch("credentials.accessKeyId")} />}
      </Field>
      <Field invalid={!!errors.credentials?.secretAccessKey}>
        <FieldLabel>Secret access key</FieldLabel>
        <SecretInput {...form.register("credentials.secretAccessKey")} revealLabel="Show secret access key" />
        <FieldDescription>Stored encrypted and never shown again, by Leasehold or its API.</FieldDescription>
        <FieldError>{errors.credentials?.secretAccessKey?.message}</FieldError>
      </Field>
      <ConnectFooter form={form} />
    </form>
  );
}
