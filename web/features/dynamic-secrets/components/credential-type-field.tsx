import { Controller, type UseFormReturn } from "react-hook-form";
import type { AwsIamCredentialType } from "#shared/schemas/dynamic-secrets.ts";
import type { DynamicSecretFormValues } from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";

const CREDENTIAL_TYPES: { value: AwsIamCredentialType; label: string; description: string }[] = [
  {
    value: "iam-user",
    label: "IAM user with an access key",
    description:
      "Leasehold creates an IAM user per lease and deletes it on revoke or at expiry. Leases can be renewed.",
  },
  {
    value: "temporary-credentials",
    label: "Temporary credentials (STS session)",
    description:
      "An access key, secret and session token from STS, in one AWS call; AWS ends them " +
      "at expiry. 15 min to 12 h (36 h with an access key); not renewable. Revoke " +
      "denies the session at AWS.",
  },
];

/** What a lease hands out. Fixed once saved: each lease is revoked by its own kind. */
export function CredentialTypeField({
  form,
  editing,
}: {
  form: UseFormReturn<DynamicSecretFormValues>;
  editing: boolean;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-semibold">What does a lease hand out?</legend>
      <Controller
        control={form.control}
        name="provider.inputs.credentialType"
        render={({ field }) => (
          <div className="grid gap-2 sm:grid-cols-2">
            {CREDENTIAL_TYPES.map((option) => (
              <label
                key={option.value}
                className={
                  "flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm " +
                  "has-[:checked]:border-primary has-[:checked]:bg-primary/5 " +
                  "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70"
                }
              >
                <input
                  type="radio"
                  name={field.name}
                  value={option.value}
                  checked={field.value === option.value}
                  disabled={editing && field.value !== option.value}
                  onChange={() => {
                    field.onChange(option.value);
                    // An IAM user's default max TTL (1d) is longer than any role session.
                    if (option.value === "temporary-credentials" && form.getValues("maxTTL") === "1d")
                      form.setValue("maxTTL", "12h");
                  }}
                  onBlur={field.onBlur}
                  className="mt-0.5 size-4 accent-primary"
                />
                <span className="grid gap-0.5">
                  <span className="font-medium">{option.label}</span>
                  <span className="text-muted-foreground">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
        )}
      />
      {editing ? (
        <p className="text-sm text-muted-foreground">
          The credential type cannot change once saved: create a new dynamic secret for the other kind.
        </p>
      ) : null}
    </fieldset>
  );
}
