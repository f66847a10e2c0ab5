import { Plus, Trash2 } from "lucide-react";
import { type UseFormReturn, useFieldArray } from "react-hook-form";
import { allowsEveryAddress } from "#shared/trusted-ips.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import type { AwsAuthFormValues } from "#web/features/identities/components/aws-auth-form-schema.ts";

/** A list of addresses or CIDR ranges, each its own labelled input, checked by the shared rule. */
export function TrustedIpsEditor({ form }: { form: UseFormReturn<AwsAuthFormValues> }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "accessTokenTrustedIps" });
  const errors = form.formState.errors.accessTokenTrustedIps;
  const entries = form.watch("accessTokenTrustedIps");
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">Trusted IPs</legend>
      <p className="text-sm text-muted-foreground">
        Where logins and every use of a token may come from: IPv4 or IPv6 addresses, or CIDR ranges.
        {allowsEveryAddress(entries) ? " The defaults allow every address." : null}
      </p>
      {fields.map((field, index) => (
        <Field key={field.id} invalid={!!errors?.[index]?.ipAddress}>
          <FieldLabel className="sr-only">Trusted IP {index + 1}</FieldLabel>
          <div className="flex gap-2">
            <Input
              {...form.register(`accessTokenTrustedIps.${index}.ipAddress`)}
              className="font-mono"
              placeholder="10.0.0.0/8"
              spellCheck={false}
              autoComplete="off"
            />
            <Button
              variant="ghost"
              size="md"
              aria-label={`Remove trusted IP ${index + 1}`}
              disabled={fields.length === 1}
              onClick={() => remove(index)}
            >
              <Trash2 aria-hidden="true" />
              Remove
            </Button>
          </div>
          <FieldError>{errors?.[index]?.ipAddress?.message}</FieldError>
        </Field>
      ))}
      {errors?.root?.message || errors?.message ? (
        <FieldError className="text-sm">{errors.root?.message ?? errors.message}</FieldError>
      ) : null}
      <div>
        <Button variant="outline" size="sm" onClick={() => append({ ipAddress: "" }, { shouldFocus: true })}>
          <Plus aria-hidden="true" />
          Add address or range
        </Button>
      </div>
    </fieldset>
  );
}
