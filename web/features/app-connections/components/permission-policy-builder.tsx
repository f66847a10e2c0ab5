import { useId, useState } from "react";
import {
  formatPolicy,
  PERMISSION_USE_CASES,
  type PermissionInputs,
  type PermissionUseCase,
  permissionPolicy,
  USE_CASE_LABELS,
} from "#shared/aws-policies.ts";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { PolicyBlock } from "#web/features/app-connections/components/policy-block.tsx";

/** The inputs a use case needs before its statements name real resources. */
const USE_CASE_INPUTS: Partial<
  Record<PermissionUseCase, { input: keyof PermissionInputs; label: string; placeholder: string; hint?: string }[]>
> = {
  "iam-dynamic-secrets": [
    {
      input: "iamUserPath",
      label: "IAM path for the created users",
      placeholder: "/leasehold/",
      hint: "Leasehold may only manage users under this path. Use the same path in the dynamic secret.",
    },
  ],
  "private-ca": [
    {
      input: "privateCaArn",
      label: "Private CA ARN",
      placeholder: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/…",
    },
  ],
  "acm-public-ca": [
    {
      input: "hostedZoneId",
      label: "Route 53 hosted zone ID",
      placeholder: "Z1D633PJN98FT9",
      hint: "The zone where ACM's DNS validation records go.",
    },
  ],
  "s3-recordings": [
    { input: "bucketName", label: "Bucket name", placeholder: "my-recordings-bucket" },
    { input: "bucketPrefix", label: "Key prefix (optional)", placeholder: "pam/prod" },
  ],
};

/**
 * One checkbox per use case; the chosen ones merge into a single, deduplicated policy for
 * the role (or the IAM user, for an access-key connection).
 */
export function PermissionPolicyBuilder({ principalKind }: { principalKind: "role" | "user" }) {
  const [chosen, setChosen] = useState<PermissionUseCase[]>(["iam-dynamic-secrets"]);
  const [inputs, setInputs] = useState<PermissionInputs>({ iamUserPath: "/leasehold/" });
  const groupId = useId();
  const { policy, problems } = permissionPolicy(chosen, inputs);
  const problemOf = (input: keyof PermissionInputs) => problems.find((p) => p.input === input)?.message;

  function toggle(useCase: PermissionUseCase, on: boolean) {
    setChosen((current) => (on ? [...current, useCase] : current.filter((u) => u !== useCase)));
  }

  return (
    <div className="grid gap-4">
      <fieldset aria-describedby={`${groupId}-hint`} className="grid gap-2">
        <legend className="text-sm font-medium">
          What will Leasehold do with this {principalKind === "role" ? "role" : "IAM user"}?
        </legend>
        <p id={`${groupId}-hint`} className="text-sm text-muted-foreground">
          Pick every use case; the policy below grants exactly what they need.
        </p>
        <ul className="grid items-start gap-2 sm:grid-cols-2">
          {PERMISSION_USE_CASES.map((useCase) => {
            const id = `${groupId}-${useCase}`;
            const checked = chosen.includes(useCase);
            return (
              <li key={useCase} className="grid gap-3 rounded-lg border bg-card p-3 has-[:checked]:border-primary/60">
                <div className="flex items-start gap-2.5">
                  <input
                    id={id}
                    type="checkbox"
                    checked={checked}
                    onChange={(event) => toggle(useCase, event.target.checked)}
                    aria-describedby={`${id}-description`}
                    className="mt-0.5 size-4 accent-primary"
                  />
                  <div className="grid gap-0.5">
                    <label htmlFor={id} className="text-sm font-medium">
                      {USE_CASE_LABELS[useCase].title}
                    </label>
                    <span id={`${id}-description`} className="text-xs text-muted-foreground">
                      {USE_CASE_LABELS[useCase].description}
                    </span>
                  </div>
                </div>
                {checked
                  ? USE_CASE_INPUTS[useCase]?.map((spec) => (
                      <Field key={spec.input} invalid={!!problemOf(spec.input)}>
                        <FieldLabel>{spec.label}</FieldLabel>
                        <Input
                          value={inputs[spec.input] ?? ""}
                          placeholder={spec.placeholder}
                          spellCheck={false}
                          autoComplete="off"
                          onChange={(event) =>
                            setInputs((current) => ({ ...current, [spec.input]: event.target.value }))
                          }
                        />
                        {spec.hint ? <FieldDescription>{spec.hint}</FieldDescription> : null}
                        <FieldError>{problemOf(spec.input)}</FieldError>
                      </Field>
                    ))
                  : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {chosen.length === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
          Pick at least one use case to get a permission policy.
        </p>
      ) : (
        <PolicyBlock
          label="Permission policy"
          description={
            principalKind === "role"
              ? "Add it to the role as an inline policy (Permissions → Add permissions → Create inline policy → JSON)."
              : "Add it to the IAM user as an inline policy (Permissions → Add permissions → " +
                "Create inline policy → JSON)."
          }
          text={formatPolicy(policy)}
        />
      )}
    </div>
  );
}
