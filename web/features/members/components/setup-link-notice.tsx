import { Alert } from "#web/components/ui/alert.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import { Field, FieldDescription, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { formatDateTime } from "#web/lib/format.ts";

/** The one-time setup link, shown exactly once after adding a member. */
export function SetupLinkNotice({
  email,
  setupLink,
  expiresAt,
}: {
  email: string;
  setupLink: string;
  expiresAt: string;
}) {
  return (
    <div className="grid gap-4">
      <Alert variant="warning">
        <p className="font-medium">Copy this link now. It will not be shown again.</p>
        <p>Send it to {email} over a channel you trust. Anyone with the link can set the password for this account.</p>
      </Alert>
      <Field>
        <FieldLabel>Setup link</FieldLabel>
        <div className="flex gap-2">
          <Input
            readOnly
            value={setupLink}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={setupLink} label="Copy setup link" size="md" />
        </div>
        <FieldDescription>Expires {formatDateTime(expiresAt)}.</FieldDescription>
      </Field>
    </div>
  );
}
