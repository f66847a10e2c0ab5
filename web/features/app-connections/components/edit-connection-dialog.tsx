import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import {
  type AppConnection,
  accessKeyIdSchema,
  connectionDescriptionSchema,
  connectionNameSchema,
  roleArnSchema,
  secretAccessKeySchema,
  stsEndpointInputSchema,
  type UpdateAppConnectionInput,
} from "#shared/schemas/app-connections.ts";
import { AccessKeyIdWarning } from "#web/components/access-key-id-warning.tsx";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { FormAlert, handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { SecretInput } from "#web/components/ui/secret-input.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useUpdateConnection } from "#web/features/app-connections/api.ts";
import { ConnectionNameFields } from "#web/features/app-connections/components/connection-name-fields.tsx";
import { StsEndpointField } from "#web/features/app-connections/components/sts-endpoint-field.tsx";

/** The shared field rules, plus a UI-only switch: credentials are checked only when they are being replaced. */
function editSchemaFor(method: AppConnection["method"]) {
  return z
    .object({
      name: connectionNameSchema,
      description: connectionDescriptionSchema,
      replaceCredentials: z.boolean(),
      credentials: z.object({
        roleArn: z.string(),
        stsEndpoint: z.string(),
        accessKeyId: z.string(),
        secretAccessKey: z.string(),
      }),
    })
    .superRefine((values, ctx) => {
      if (!values.replaceCredentials) return;
      const rules =
        method === "assume-role"
          ? { roleArn: roleArnSchema, stsEndpoint: stsEndpointInputSchema }
          : { accessKeyId: accessKeyIdSchema, secretAccessKey: secretAccessKeySchema };
      for (const [key, schema] of Object.entries(rules)) {
        const result = schema.safeParse(values.credentials[key as keyof typeof values.credentials]);
        if (!result.success)
          ctx.addIssue({ code: "custom", path: ["credentials", key], message: result.error.issues[0]!.message });
      }
    });
}

export function EditConnectionDialog({ connection }: { connection: AppConnection }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateConnection(connection.id);
  const credentials = connection.credentials;
  const defaultValues = {
    name: connection.name,
    description: connection.description ?? "",
    replaceCredentials: false,
    credentials: {
      roleArn: "roleArn" in credentials ? credentials.roleArn : "",
      stsEndpoint: "roleArn" in credentials ? (credentials.stsEndpoint ?? "") : "",
      accessKeyId: "accessKeyId" in credentials ? credentials.accessKeyId : "",
      secretAccessKey: "",
    },
  };
  const form = useForm({ resolver: zodResolver(editSchemaFor(connection.method)), defaultValues });
  const { errors } = form.formState;
  const replacing = useWatch({ control: form.control, name: "replaceCredentials" });

  const onSubmit = form.handleSubmit(async (values) => {
    const patch: UpdateAppConnectionInput = { name: values.name, description: values.description };
    if (values.replaceCredentials) {
      patch.credentials =
        connection.method === "assume-role"
          ? { roleArn: values.credentials.roleArn, stsEndpoint: values.credentials.stsEndpoint }
          : { accessKeyId: values.credentials.accessKeyId, secretAccessKey: values.credentials.secretAccessKey };
    }
    try {
      await update.mutateAsync(patch);
      toast.success(
        values.replaceCredentials
          ? `${values.name}: new credentials checked with AWS and saved`
          : `${values.name} saved`,
      );
      // As a cancel does: the typed secret key leaves the page's memory, and "Replace" is unticked for next time.
      form.reset(defaultValues);
      setOpen(false);
    } catch (error) {
      handleFormError(form, error, { inline: true });
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Opening fills it from the connection as it is now (a save may have renamed it since).
        form.reset(defaultValues);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit ${connection.name}`}>
          <Pencil aria-hidden="true" />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit {connection.name}</DialogTitle>
          <DialogDescription>
            A new name or description is saved as is; new credentials are checked with AWS first.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <ConnectionNameFields
            name={form.register("name")}
            nameError={errors.name?.message}
            description={form.register("description")}
            descriptionError={errors.description?.message}
          />
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" className="size-4 accent-primary" {...form.register("replaceCredentials")} />
            Replace the credentials
          </label>
          {replacing && connection.method === "assume-role" ? (
            <>
              <Field invalid={!!errors.credentials?.roleArn}>
                <FieldLabel>Role ARN</FieldLabel>
                <Input
                  {...form.register("credentials.roleArn")}
                  className="font-mono"
                  autoComplete="off"
                  spellCheck={false}
                />
                <FieldError>{errors.credentials?.roleArn?.message}</FieldError>
              </Field>
              <Controller
                control={form.control}
                name="credentials.stsEndpoint"
                render={({ field, fieldState }) => (
                  <StsEndpointField value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
                )}
              />
            </>
          ) : null}
          {replacing && connection.method === "access-key" ? (
            <>
              <Field invalid={!!errors.credentials?.accessKeyId}>
                <FieldLabel>Access key ID</FieldLabel>
                <Input
                  {...form.register("credentials.accessKeyId")}
                  className="font-mono"
                  autoComplete="off"
                  spellCheck={false}
                />
                <FieldError>{errors.credentials?.accessKeyId?.message}</FieldError>
                {!errors.credentials?.accessKeyId && (
                  <AccessKeyIdWarning value={form.watch("credentials.accessKeyId")} />
                )}
              </Field>
              <Field invalid={!!errors.credentials?.secretAccessKey}>
                <FieldLabel>Secret access key</FieldLabel>
                <SecretInput {...form.register("credentials.secretAccessKey")} revealLabel="Show secret access key" />
                <FieldError>{errors.credentials?.secretAccessKey?.message}</FieldError>
              </Field>
            </>
          ) : null}
          <FormAlert form={form} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={form.formState.isSubmitting}>
              {replacing ? "Check and save" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
