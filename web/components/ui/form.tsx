import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { isLeaseholdError } from "#client/core/errors.ts";
import type { Issue } from "#shared/errors.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { toast } from "#web/components/ui/toast.ts";

const SERVER_ERROR = "root.server" as const;

/**
 * Puts each server `issue` whose path names a field of this form onto that field (and focuses the first),
 * so a server-side rule (say, "slug already taken") reads exactly like a client-side one.
 * Returns the issues that matched no field.
 */
export function applyServerIssues<Values extends FieldValues>(form: UseFormReturn<Values>, issues: Issue[]): Issue[] {
  const fieldNames = new Set(Object.keys(form.getValues()));
  const unmatched: Issue[] = [];
  let focused = false;
  for (const issue of issues) {
    const [head] = issue.path;
    if (head === undefined || !fieldNames.has(String(head))) {
      unmatched.push(issue);
      continue;
    }
    form.setError(
      issue.path.join(".") as Path<Values>,
      { type: "server", message: issue.message },
      {
        shouldFocus: !focused,
      },
    );
    focused = true;
  }
  return unmatched;
}

/**
 * The one way forms report a failed submit: field issues go onto fields; whatever is left is shown
 * as a toast (dashboard) or inline above the submit button (`inline`, used by the sign-in pages).
 */
export function handleFormError<Values extends FieldValues>(
  form: UseFormReturn<Values>,
  error: unknown,
  { inline = false }: { inline?: boolean } = {},
): void {
  const issues = isLeaseholdError(error) ? error.issues : [];
  const unmatched = applyServerIssues(form, issues);
  const allOnFields = issues.length > 0 && unmatched.length === 0;
  if (allOnFields) return;
  if (inline) {
    const message = error instanceof Error ? error.message : "Something went wrong. Try again.";
    form.setError(SERVER_ERROR as Path<Values>, { type: "server", message });
  } else {
    toast.error(error);
  }
}

/** Shows the inline error set by `handleFormError(form, error, { inline: true })`. */
export function FormAlert<Values extends FieldValues>({ form }: { form: UseFormReturn<Values> }) {
  const message = form.formState.errors.root?.server?.message;
  if (!message) return null;
  return <Alert>{message}</Alert>;
}
