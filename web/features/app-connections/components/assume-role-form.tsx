import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useWatch } from "react-hook-form";
import { parseIamPrincipalArn } from "#shared/arn.ts";
import { createAssumeRoleConnectionInputSchema } from "#shared/schemas/app-connections.ts";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import {
  ConnectFooter,
  type ConnectFormProps,
  useConnectForm,
} from "#web/features/app-connections/components/connect-form.tsx";
import { ConnectionNameFields } from "#web/features/app-connections/components/connection-name-fields.tsx";
import { StsEndpointField } from "#web/features/app-connections/components/sts-endpoint-field.tsx";

/** What the typed role ARN points at, once it parses: a quick check before anything is sent. */
function RoleArnSummary({ roleArn }: { roleArn: string }) {
  const role = parseIamPrincipalArn(roleArn.trim());
  if (role?.kind !== "role") return null;
  return (
    <p className="text-sm text-muted-foreground">
      Role <span className="font-mono text-foreground">{role.name}</span> in account{" "}
      <span className="font-mono text-foreground">{role.account}</span>
      {role.partition !== "aws" ? ` (${role.partition})` : ""}.
    </p>
  );
}

/** Name, role ARN and endpoint; "Connect to AWS" creates the connection only once AWS accepts it. */
export function AssumeRoleForm({ scope, onConnected, id, onSubmittingChange }: ConnectFormProps) {
  const { form, onSubmit } = useConnectForm(zodResolver(createAssumeRoleConnectionInputSchema), {
    // Checked as you type: a wrong ARN is caught before a round trip to AWS.
    mode: "onChange",
    onConnected,
    onSubmittingChange,
    defaultValues: {
      name: "",
      description: "",
      method: "assume-role",
      projectId: scope.projectId,
      credentials: { roleArn: "", stsEndpoint: "" },
    },
  });
  const { errors } = form.formState;
  const roleArn = useWatch({ control: form.control, name: "credentials.roleArn" });

  return (
    <form id={id} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Connect with a role">
      <ConnectionNameFields
        name={form.register("name")}
        nameError={errors.name?.message}
        description={form.register("description")}
        descriptionError={errors.description?.message}
      />
      <Field invalid={!!errors.credentials?.roleArn}>
        <FieldLabel>Role ARN</FieldLabel>
        <Input
          {...form.register("credentials.roleArn")}
          placeholder="arn:aws:iam::123456789012:role/leasehold"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
        />
        <FieldDescription>In IAM, open the role you created and copy its ARN from the summary.</FieldDescription>
        <FieldError>{errors.credentials?.roleArn?.message}</FieldError>
        {!errors.credentials?.roleArn ? <RoleArnSummary roleArn={roleArn} /> : null}
      </Field>
      <Controller
        control={form.control}
        name="credentials.stsEndpoint"
        render={({ field, fieldState }) => (
          <StsEndpointField value={field.value ?? ""} onChange={field.onChange} error={fieldState.error?.message} />
        )}
      />
      <ConnectFooter form={form} />
    </form>
  );
}
