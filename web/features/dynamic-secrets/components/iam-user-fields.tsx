import { Plus, Trash2 } from "lucide-react";
import { type UseFormReturn, useFieldArray } from "react-hook-form";
import { AWS_REGIONS_BY_PARTITION } from "#shared/aws-regions.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Select } from "#web/components/ui/select.tsx";
import { Textarea } from "#web/components/ui/textarea.tsx";
import type { DynamicSecretFormValues } from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";

const PARTITION_LABELS = { aws: "AWS", "aws-cn": "AWS China", "aws-us-gov": "AWS GovCloud (US)" } as const;

/** What every leased IAM user gets: where it lives, what bounds it, what it may do, and its tags. */
export function IamUserFields({ form }: { form: UseFormReturn<DynamicSecretFormValues> }) {
  const errors = form.formState.errors.provider?.inputs;
  const temporary = form.watch("provider.inputs.credentialType") === "temporary-credentials";
  const source = form.watch("source");
  const text = (
    name: "awsPath" | "permissionBoundaryPolicyArn" | "userGroups" | "policyArns",
    label: string,
    description: string,
    placeholder: string,
  ) => (
    <Field invalid={!!errors?.[name]}>
      <FieldLabel>{label}</FieldLabel>
      <Input
        {...form.register(`provider.inputs.${name}`)}
        spellCheck={false}
        className="font-mono"
        placeholder={placeholder}
      />
      <FieldDescription>{description}</FieldDescription>
      <FieldError>{errors?.[name]?.message}</FieldError>
    </Field>
  );

  const region = (
    <Field invalid={!!errors?.region}>
      <FieldLabel>Region</FieldLabel>
      <Select {...form.register("provider.inputs.region")}>
        {Object.entries(AWS_REGIONS_BY_PARTITION).map(([partition, regions]) => (
          <optgroup key={partition} label={PARTITION_LABELS[partition as keyof typeof PARTITION_LABELS]}>
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <FieldDescription>The AWS data center region.</FieldDescription>
      <FieldError>{errors?.region?.message}</FieldError>
    </Field>
  );

  if (temporary) {
    const byKey = source === "access-key" || source === "app-connection";
    return (
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-sm font-semibold">The leased sessions</legend>
        <div className="grid gap-4 sm:grid-cols-2 sm:items-start">{region}</div>
        {source === "access-key" ? (
          <p className="rounded-md border bg-muted/40 p-3 text-sm">
            With an access key, a lease is a GetSessionToken session, which AWS cannot revoke: revoking it in Leasehold
            leaves it valid until it expires. Give a session policy or policy ARNs to get a federation token instead: it
            has only the permissions both the key's user and the policy allow, and a revoke denies it at AWS.
          </p>
        ) : null}
        <Field invalid={!!errors?.sessionPolicy}>
          <FieldLabel>Session policy (JSON)</FieldLabel>
          <Textarea
            {...form.register("provider.inputs.sessionPolicy")}
            spellCheck={false}
            rows={5}
            className="font-mono text-xs"
            placeholder={'{ "Version": "2012-10-17", "Statement": [ … ] }'}
          />
          <FieldDescription>
            Optional. Narrows each session to what both this policy and the role (or user) allow. At most 2,048
            characters.
          </FieldDescription>
          <FieldError>{errors?.sessionPolicy?.message}</FieldError>
        </Field>
        {byKey
          ? text(
              "policyArns",
              "Session policy ARNs",
              "Optional, federation tokens only: managed policies that narrow the session, separated by commas.",
              "arn:aws:iam::aws:policy/ReadOnlyAccess",
            )
          : null}
        <TagsEditor
          form={form}
          name="provider.inputs.sessionTags"
          title="Session tags"
          description="Passed to STS with each session; they show in CloudTrail and can be used in policy conditions."
        />
      </fieldset>
    );
  }

  return (
    <fieldset className="grid gap-4">
      <legend className="mb-2 text-sm font-semibold">The leased IAM users</legend>
      <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
        {region}
        {text(
          "awsPath",
          "IAM path",
          "IAM AWS Path to scope created IAM User resource access. Starts and ends with /.",
          "/leasehold/",
        )}
      </div>
      {text(
        "permissionBoundaryPolicyArn",
        "Permission boundary ARN",
        "The IAM Policy ARN of the AWS Permissions Boundary to attach to IAM users created in the role.",
        "arn:aws:iam::123456789012:policy/leasehold-boundary",
      )}
      {text(
        "userGroups",
        "User groups",
        "The AWS IAM groups that should be assigned to the created users. Multiple values " +
          "can be provided by separating them with commas.",
        "developers, readers",
      )}
      {text(
        "policyArns",
        "Policy ARNs",
        "The AWS IAM managed policies that should be attached to the created users. " +
          "Multiple values can be provided by separating them with commas.",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
      )}
      <Field invalid={!!errors?.policyDocument}>
        <FieldLabel>Inline policy (JSON)</FieldLabel>
        <Textarea
          {...form.register("provider.inputs.policyDocument")}
          spellCheck={false}
          rows={5}
          className="font-mono text-xs"
          placeholder={'{ "Version": "2012-10-17", "Statement": [ … ] }'}
        />
        <FieldDescription>
          The AWS IAM inline policy that should be attached to the created users. IAM allows 2,048 characters per user.
        </FieldDescription>
        <FieldError>{errors?.policyDocument?.message}</FieldError>
      </Field>
      <TagsEditor
        form={form}
        name="provider.inputs.tags"
        title="Tags"
        description={
          "Tags to be added to the created IAM User resource. Leasehold adds " +
          "leasehold:managed and leasehold:lease-id."
        }
      />
    </fieldset>
  );
}

function TagsEditor({
  form,
  name,
  title,
  description,
}: {
  form: UseFormReturn<DynamicSecretFormValues>;
  name: "provider.inputs.tags" | "provider.inputs.sessionTags";
  title: string;
  description: string;
}) {
  const tags = useFieldArray({ control: form.control, name });
  const item = name === "provider.inputs.tags" ? "Tag" : "Session tag";
  const errors = form.formState.errors.provider?.inputs?.[name === "provider.inputs.tags" ? "tags" : "sessionTags"];
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-3">
        <div>
          <p className="text-sm font-medium">{title}</p>
          <p className="text-sm text-muted-foreground">{description}</p>
        </div>
        <Button variant="outline" size="sm" onClick={() => tags.append({ key: "", value: "" })}>
          <Plus aria-hidden="true" />
          Add {item.toLowerCase()}
        </Button>
      </div>
      {tags.fields.map((field, index) => (
        <div key={field.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-start gap-2">
          <Field invalid={!!errors?.[index]?.key}>
            <FieldLabel className="sr-only">
              {item} {index + 1} key
            </FieldLabel>
            <Input {...form.register(`${name}.${index}.key`)} placeholder="Key" />
            <FieldError>{errors?.[index]?.key?.message}</FieldError>
          </Field>
          <Field invalid={!!errors?.[index]?.value}>
            <FieldLabel className="sr-only">
              {item} {index + 1} value
            </FieldLabel>
            <Input {...form.register(`${name}.${index}.value`)} placeholder="Value" />
            <FieldError>{errors?.[index]?.value?.message}</FieldError>
          </Field>
          <Button
            variant="ghost"
            size="md"
            aria-label={`Remove ${item.toLowerCase()} ${index + 1}`}
            onClick={() => tags.remove(index)}
          >
            <Trash2 aria-hidden="true" />
            Remove
          </Button>
        </div>
      ))}
      {errors?.message || errors?.root?.message ? (
        <p className="text-sm font-medium text-destructive">{errors.message ?? errors.root?.message}</p>
      ) : null}
    </div>
  );
}
