import { accessKeyIdWarning } from "#shared/schemas/app-connections.ts";

/**
 * A note under an access key ID field that does not block the form: the API accepts emulators' keys such as
 * "test" (as Infisical does), while AWS itself refuses them (decision 1250).
 */
export function AccessKeyIdWarning({ value }: { value: string | undefined }) {
  const warning = accessKeyIdWarning(value ?? "");
  if (!warning) return null;
  return (
    <p role="status" className="text-sm text-warning-foreground">
      {warning}
    </p>
  );
}
