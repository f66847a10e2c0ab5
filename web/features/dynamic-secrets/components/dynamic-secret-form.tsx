import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { isLeaseholdError } from "#client/core/errors.ts";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { Button } from "#web/components/ui/button.tsx";
import { DialogClose, DialogFooter } from "#web/components/ui/dialog.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { applyServerIssues } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useCreateDynamicSecret, useUpdateDynamicSecret } from "#web/features/dynamic-secrets/api.ts";
import { CredentialSourceFields } from "#web/features/dynamic-secrets/components/credential-source-fields.tsx";
import { CredentialTypeField } from "#web/features/dynamic-secrets/components/credential-type-field.tsx";
import {
  type DynamicSecretFormValues,
  formSchema,
  initialValues,
  inputsOf,
  issuesForForm,
} from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";
import { IamUserFields } from "#web/features/dynamic-secrets/components/iam-user-fields.tsx";
import { TestConfigurationPanel } from "#web/features/dynamic-secrets/components/test-configuration-panel.tsx";
import { UsernameTemplateField } from "#web/features/dynamic-secrets/components/username-template-field.tsx";

/**
 * The form of DynamicSecretFormDialog: every field of the seed, a live username preview, and Test
 * configuration. Loaded when the dialog opens (react-hook-form and the field modules are not part of
 * the Secrets page's first download), and mounted afresh on each opening.
 */
export function DynamicSecretForm({
  location,
  projectId,
  existing,
  onDone,
}: {
  location: SecretLocation;
  projectId: string;
  existing: DynamicSecret | null;
  onDone: () => void;
}) {
  const form = useForm<DynamicSecretFormValues>({
    resolver: zodResolver(formSchema(existing), undefined, { raw: true }),
    defaultValues: initialValues(existing),
  });
  const create = useCreateDynamicSecret(location);
  const update = useUpdateDynamicSecret(location);
  const errors = form.formState.errors;
  const clearsConnection = Boolean(existing?.inputs.appConnectionId) && form.watch("source") !== "app-connection";

  const onSubmit = form.handleSubmit(async (values) => {
    const settings = {
      defaultTTL: values.defaultTTL,
      maxTTL: values.maxTTL || null,
      usernameTemplate: values.usernameTemplate || null,
    };
    const inputs = inputsOf(values);
    try {
      if (existing) {
        await update.mutateAsync({
          name: existing.name,
          ...location,
          data: {
            ...settings,
            ...(values.name !== existing.name ? { newName: values.name } : {}),
            inputs: { ...inputs, ...(clearsConnection ? { appConnectionId: null } : {}) },
          },
        });
        toast.success(`Dynamic secret “${values.name}” saved`);
      } else {
        await create.mutateAsync({
          ...location,
          name: values.name,
          ...settings,
          provider: { type: "aws-iam", inputs },
        });
        toast.success(`Dynamic secret “${values.name}” created`, "Generate a lease to get AWS credentials.");
      }
      onDone();
    } catch (error) {
      const unmatched = isLeaseholdError(error) ? applyServerIssues(form, issuesForForm(error.issues)) : [];
      if (!isLeaseholdError(error) || error.issues.length === 0 || unmatched.length > 0) toast.error(error);
    }
  });

  return (
    // A fieldset is as wide as its content by default (min-inline-size: min-content) and a grid track grows to its
    // widest item: both are reset, so the method tabs scroll and long ARNs wrap within a phone's width.
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid grid-cols-[minmax(0,1fr)] gap-6 [&_fieldset]:min-w-0 [&_fieldset]:grid-cols-[minmax(0,1fr)]"
    >
      <div className="grid gap-4 sm:grid-cols-3 sm:items-start">
        <Field invalid={!!errors.name} className="sm:col-span-3">
          <FieldLabel>Secret name</FieldLabel>
          <Input {...form.register("name")} autoComplete="off" spellCheck={false} placeholder="payments-deployer" />
          <FieldDescription>
            Name by which you want the secret to be referenced (lowercase letters, digits and hyphens).
          </FieldDescription>
          <FieldError>{errors.name?.message}</FieldError>
        </Field>
        <Field invalid={!!errors.defaultTTL}>
          <FieldLabel>Default TTL</FieldLabel>
          <Input {...form.register("defaultTTL")} placeholder="1h" />
          <FieldDescription>Default time-to-live for a generated secret, e.g. 30m, 1h, 7d.</FieldDescription>
          <FieldError>{errors.defaultTTL?.message}</FieldError>
        </Field>
        <Field invalid={!!errors.maxTTL}>
          <FieldLabel>Max TTL</FieldLabel>
          <Input {...form.register("maxTTL")} placeholder="1d" />
          <FieldDescription>Maximum time-to-live, renewals included.</FieldDescription>
          <FieldError>{errors.maxTTL?.message}</FieldError>
        </Field>
      </div>
      <CredentialTypeField form={form} editing={existing !== null} />
      <CredentialSourceFields form={form} projectId={projectId} editing={existing !== null} />
      <IamUserFields form={form} />
      <UsernameTemplateField form={form} />
      <TestConfigurationPanel
        form={form}
        location={location}
        savedName={existing?.name ?? null}
        clearsConnection={clearsConnection}
      />
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" pending={create.isPending || update.isPending}>
          {existing ? "Save changes" : "Create dynamic secret"}
        </Button>
      </DialogFooter>
    </form>
  );
}
