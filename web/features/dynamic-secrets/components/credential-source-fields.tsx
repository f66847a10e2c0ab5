import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { UseFormReturn } from "react-hook-form";
import { AccessKeyIdWarning } from "#web/components/access-key-id-warning.tsx";
import { Alert } from "#web/components/ui/alert.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { SecretInput } from "#web/components/ui/secret-input.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { usableConnectionsQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import type {
  CredentialSource,
  DynamicSecretFormValues,
} from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";

/** In the seed's order: Assume role is recommended first (no long-lived key is stored). */
const SOURCE_LABELS: Record<CredentialSource, string> = {
  "assume-role": "Assume role (recommended)",
  "access-key": "Access key",
  irsa: "IRSA (EKS)",
  "app-connection": "App Connection",
};

/** How Leasehold reaches the AWS account that holds the leased users: the method tabs of the seed. */
export function CredentialSourceFields({
  form,
  projectId,
  editing,
}: {
  form: UseFormReturn<DynamicSecretFormValues>;
  projectId: string;
  editing: boolean;
}) {
  const source = form.watch("source");
  const errors = form.formState.errors.provider?.inputs;
  const connections = useQuery({ ...usableConnectionsQueryOptions(projectId), enabled: source === "app-connection" });

  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 text-sm font-semibold">Managing credentials</legend>
      <Tabs
        value={source}
        onValueChange={(value) => form.setValue("source", value as CredentialSource, { shouldDirty: true })}
      >
        <TabsList aria-label="Authentication method">
          {(Object.keys(SOURCE_LABELS) as CredentialSource[]).map((key) => (
            <TabsTrigger key={key} value={key}>
              {SOURCE_LABELS[key]}
            </TabsTrigger>
          ))}
        </TabsList>

        <TabsContent value="access-key" className="grid gap-3">
          <p className="text-sm text-muted-foreground">
            Leasehold uses the given access key ID and secret key to connect to your AWS account.
          </p>
          <Field invalid={!!errors?.accessKey}>
            <FieldLabel>Access key ID</FieldLabel>
            <Input
              {...form.register("provider.inputs.accessKey")}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder="AKIA…"
            />
            <FieldDescription>The managing AWS IAM User Access Key.</FieldDescription>
            <FieldError>{errors?.accessKey?.message}</FieldError>
            {!errors?.accessKey && <AccessKeyIdWarning value={form.watch("provider.inputs.accessKey")} />}
          </Field>
          <Field invalid={!!errors?.secretAccessKey}>
            <FieldLabel>Secret access key</FieldLabel>
            <SecretInput
              {...form.register("provider.inputs.secretAccessKey")}
              revealLabel="Show secret access key"
              placeholder={editing ? "Leave empty to keep the stored key" : ""}
            />
            <FieldDescription>
              The managing AWS IAM User Secret Key. Stored encrypted; never shown again.
            </FieldDescription>
            <FieldError>{errors?.secretAccessKey?.message}</FieldError>
          </Field>
        </TabsContent>

        <TabsContent value="assume-role" className="grid gap-3">
          <p className="text-sm text-muted-foreground">
            Leasehold assumes the role in your AWS account, without you sharing any key. Its trust policy should require
            the External ID <strong>= this project&apos;s ID</strong> (the confused-deputy protection).
          </p>
          <RoleArnField form={form} description="The ARN of the AWS Role to assume." />
        </TabsContent>

        <TabsContent value="irsa" className="grid gap-3">
          <p className="text-sm text-muted-foreground">
            For Leasehold running on AWS EKS: IAM Roles for Service Accounts, no static keys. The server needs
            KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN=true.
          </p>
          <RoleArnField form={form} description="The ARN of the AWS IAM Role for the service account to assume." />
        </TabsContent>

        <TabsContent value="app-connection" className="grid gap-3">
          <p className="text-sm text-muted-foreground">
            Reuse an AWS App Connection of this project or of the organization.
          </p>
          {connections.isPending ? (
            <Skeleton className="h-9 w-full" />
          ) : connections.isError ? (
            <Alert>{connections.error.message}</Alert>
          ) : connections.data.length === 0 ? (
            <Alert variant="warning">
              No App Connection is available to this project yet.{" "}
              <Link
                to="/projects/$projectId/app-connections/new"
                params={{ projectId }}
                className="font-medium underline"
              >
                Connect an AWS account
              </Link>{" "}
              first.
            </Alert>
          ) : (
            <Field invalid={!!errors?.appConnectionId}>
              <FieldLabel>App Connection</FieldLabel>
              <Select {...form.register("provider.inputs.appConnectionId")}>
                <option value="">Choose a connection…</option>
                {connections.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.method === "assume-role" ? "assume role" : "access key"},{" "}
                    {c.projectId ? "this project" : "organization"})
                  </option>
                ))}
              </Select>
              <FieldError>{errors?.appConnectionId?.message}</FieldError>
            </Field>
          )}
        </TabsContent>
      </Tabs>
    </fieldset>
  );
}

function RoleArnField({ form, description }: { form: UseFormReturn<DynamicSecretFormValues>; description: string }) {
  const error = form.formState.errors.provider?.inputs?.roleArn;
  return (
    <Field invalid={!!error}>
      <FieldLabel>Role ARN</FieldLabel>
      <Input
        {...form.register("provider.inputs.roleArn")}
        spellCheck={false}
        className="font-mono"
        placeholder="arn:aws:iam::123456789012:role/leasehold"
      />
      <FieldDescription>{description}</FieldDescription>
      <FieldError>{error?.message}</FieldError>
    </Field>
  );
}
