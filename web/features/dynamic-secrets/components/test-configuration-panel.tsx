import { PlugZap } from "lucide-react";
import { useEffect, useRef } from "react";
import type { FieldPath, UseFormReturn } from "react-hook-form";
import { isLeaseholdError } from "#client/core/errors.ts";
import type { Issue } from "#shared/errors.ts";
import type { ConfigCheck, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { applyServerIssues } from "#web/components/ui/form.tsx";
import { useTestConfiguration } from "#web/features/dynamic-secrets/api.ts";
import { ConfigCheckList, checkSummary } from "#web/features/dynamic-secrets/components/config-check-list.tsx";
import {
  type DynamicSecretFormValues,
  inputsOf,
} from "#web/features/dynamic-secrets/components/dynamic-secret-form-values.ts";

type Form = UseFormReturn<DynamicSecretFormValues>;

/** Failed checks about a form field, as issues in the order the fields appear on the page (focus goes first). */
function fieldIssues(checks: readonly ConfigCheck[]): Issue[] {
  const issues = checks
    .filter((c) => c.status === "failed" && c.field)
    .map((c) => ({ path: c.field!, message: c.message, code: "config_check" }));
  const position = (issue: Issue) => document.getElementsByName(issue.path.join("."))[0] ?? null;
  return issues.sort((a, b) => {
    const [x, y] = [position(a), position(b)];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/**
 * "Test configuration": checks the form against AWS before anything is saved (issue 12, item 6): the
 * credentials, each field IAM can vouch for, and each IAM action a lease needs. Every check is listed with its
 * state; a failed check about a field also shows under that field, and focus moves to the first such field.
 * A saved secret's stored key is used when the field is empty.
 */
export function TestConfigurationPanel({
  form,
  location,
  savedName,
  clearsConnection,
}: {
  form: Form;
  location: SecretLocation;
  savedName: string | null;
  /** Editing a secret that used an App Connection, now switched to another source. */
  clearsConnection: boolean;
}) {
  const test = useTestConfiguration();
  // The fields this panel put an error on: cleared when the person edits them, or on the next test.
  const marked = useRef(new Set<string>());

  useEffect(() => {
    const subscription = form.watch((_, { name }) => {
      if (name && marked.current.delete(name)) form.clearErrors(name);
    });
    return () => subscription.unsubscribe();
  }, [form]);

  function run() {
    const values = form.getValues();
    const inputs = { ...inputsOf(values), ...(clearsConnection ? { appConnectionId: null } : {}) };
    for (const name of marked.current) form.clearErrors(name as FieldPath<DynamicSecretFormValues>);
    marked.current.clear();
    test.mutate(
      {
        ...location,
        ...(savedName ? { name: savedName } : {}),
        provider: { type: "aws-iam", inputs },
        ...(values.maxTTL ? { maxTTL: values.maxTTL } : {}),
        usernameTemplate: values.usernameTemplate || null,
        ...(values.name ? { dynamicSecretName: values.name } : {}),
      },
      {
        onSuccess: (answer) => {
          const issues = fieldIssues(answer.checks);
          const unplaced = new Set(applyServerIssues(form, issues));
          for (const issue of issues) if (!unplaced.has(issue)) marked.current.add(issue.path.join("."));
        },
        onError: (error) => isLeaseholdError(error) && applyServerIssues(form, error.issues),
      },
    );
  }

  const answer = test.data;
  return (
    <section aria-labelledby="test-configuration-title" className="grid gap-3 rounded-lg border bg-muted/30 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <h3 id="test-configuration-title" className="text-sm font-medium">
            Test configuration
          </h3>
          <p className="text-sm text-muted-foreground">
            Checks the credentials, that each group, policy and the boundary exist, and asks IAM whether each action a
            lease needs is allowed. Nothing is created in AWS.
          </p>
        </div>
        <Button variant="outline" onClick={run} pending={test.isPending}>
          <PlugZap aria-hidden="true" />
          Test configuration
        </Button>
      </div>
      <div className="grid gap-2">
        {test.isError ? <Alert>{test.error.message}</Alert> : null}
        {/* Present before the answer arrives, so screen readers announce the summary, not the whole list. */}
        <p
          role="status"
          className={`text-sm font-medium empty:hidden ${answer?.ok ? "text-success" : "text-destructive"}`}
        >
          {answer && !test.isPending
            ? `${answer.ok ? "The configuration works." : "Some checks failed."} ${checkSummary(answer.checks)}.`
            : ""}
        </p>
        {answer && !test.isPending ? (
          <ConfigCheckList
            checks={answer.checks}
            onGoToField={(field) => form.setFocus(field as FieldPath<DynamicSecretFormValues>)}
          />
        ) : null}
      </div>
    </section>
  );
}
