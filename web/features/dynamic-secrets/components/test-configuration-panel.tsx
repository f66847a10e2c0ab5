import { CircleCheck, CircleX, PlugZap } from "lucide-react";
import type { UseFormReturn } from "react-hook-form";
import type { SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { applyServerIssues } from "#web/components/ui/form.tsx";
import { useTestConfiguration } from "#web/features/dynamic-secrets/api.ts";
import {
  type DynamicSecretFormValues,
  inputsOf,
} from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";
import { isApiError } from "#web/lib/api-client.ts";

const STEP_LABELS = {
  credentials: "Credentials (sts:GetCallerIdentity)",
  iam: "IAM answers",
  session: "Sessions (iam:GetRole)",
} as const;

/**
 * "Test configuration": checks the form's credentials with AWS before anything is saved,
 * and says which part failed. A saved secret's stored key is used when the field is empty.
 */
export function TestConfigurationPanel({
  form,
  location,
  savedName,
  clearsConnection,
}: {
  form: UseFormReturn<DynamicSecretFormValues>;
  location: SecretLocation;
  savedName: string | null;
  /** Editing a secret that used an App Connection, now switched to another source. */
  clearsConnection: boolean;
}) {
  const test = useTestConfiguration();

  function run() {
    const values = form.getValues();
    const inputs = { ...inputsOf(values), ...(clearsConnection ? { appConnectionId: null } : {}) };
    test.mutate(
      {
        ...location,
        ...(savedName ? { name: savedName } : {}),
        provider: { type: "aws-iam", inputs },
        ...(values.maxTTL ? { maxTTL: values.maxTTL } : {}),
      },
      { onError: (error) => isApiError(error) && applyServerIssues(form, error.issues) },
    );
  }

  return (
    <div className="grid gap-3 rounded-lg border bg-muted/30 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm font-medium">Test configuration</p>
          <p className="text-sm text-muted-foreground">
            Checks that the credentials work and that IAM answers (for temporary credentials: the role's session limit).
            Nothing is created in AWS.
          </p>
        </div>
        <Button variant="outline" onClick={run} pending={test.isPending}>
          <PlugZap aria-hidden="true" />
          Test configuration
        </Button>
      </div>
      <div aria-live="polite" className="grid gap-2">
        {test.isError ? <Alert>{test.error.message}</Alert> : null}
        {test.data ? (
          <>
            <ul className="grid gap-2">
              {test.data.checks.map((check) => (
                <li key={check.step} className="flex items-start gap-2 text-sm">
                  {check.ok ? (
                    <CircleCheck aria-label="Passed" className="mt-0.5 size-4 shrink-0 text-success" />
                  ) : (
                    <CircleX aria-label="Failed" className="mt-0.5 size-4 shrink-0 text-destructive" />
                  )}
                  <span>
                    <span className="font-medium">{STEP_LABELS[check.step]}: </span>
                    <span className={check.ok ? "text-muted-foreground" : "text-destructive"}>{check.message}</span>
                  </span>
                </li>
              ))}
            </ul>
            {test.data.ok ? <p className="text-sm font-medium text-success">The configuration works.</p> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
