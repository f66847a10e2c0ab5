import { Download, TriangleAlert } from "lucide-react";
import type { z } from "zod";
import type { createLeaseResponseSchema } from "#shared/schemas/leases.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "#web/components/ui/dialog.tsx";
import { formatDateTime } from "#web/lib/format.ts";

export type IssuedLease = z.output<typeof createLeaseResponseSchema>;

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A profile to paste into ~/.aws/credentials; named after the secret so several can coexist. */
function awsCredentialsProfile(issued: IssuedLease): string {
  return [
    `# Leasehold lease ${issued.lease.id}, expires ${issued.lease.expireAt}`,
    `[leasehold-${issued.dynamicSecret.name}]`,
    `aws_access_key_id = ${issued.data.ACCESS_KEY}`,
    `aws_secret_access_key = ${issued.data.SECRET_ACCESS_KEY}`,
    ...("SESSION_TOKEN" in issued.data ? [`aws_session_token = ${issued.data.SESSION_TOKEN}`] : []),
    "",
  ].join("\n");
}

function dotEnv(issued: IssuedLease): string {
  return [
    `# Leasehold lease ${issued.lease.id}, expires ${issued.lease.expireAt}`,
    `AWS_ACCESS_KEY_ID=${issued.data.ACCESS_KEY}`,
    `AWS_SECRET_ACCESS_KEY=${issued.data.SECRET_ACCESS_KEY}`,
    ...("SESSION_TOKEN" in issued.data ? [`AWS_SESSION_TOKEN=${issued.data.SESSION_TOKEN}`] : []),
    `AWS_REGION=${issued.dynamicSecret.inputs.region}`,
    "",
  ].join("\n");
}

function CredentialRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="flex items-center gap-2">
        <code className="min-w-0 flex-1 rounded bg-muted px-2 py-1.5 font-mono text-sm break-all">{value}</code>
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} size="sm" />
      </dd>
    </div>
  );
}

/** The credentials of a new lease, shown this one time: Leasehold never stores the secret key. */
export function LeaseCredentialsDialog({ issued, onClose }: { issued: IssuedLease | null; onClose: () => void }) {
  return (
    <Dialog open={issued !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent size="lg" onInteractOutside={(event) => event.preventDefault()}>
        {issued ? (
          <>
            <DialogHeader>
              <DialogTitle>AWS credentials for “{issued.dynamicSecret.name}”</DialogTitle>
              <DialogDescription>
                {"SESSION_TOKEN" in issued.data
                  ? "Temporary credentials from AWS STS, valid until " +
                    `${formatDateTime(issued.lease.expireAt)}. They cannot be renewed: generate a new ` +
                    "lease when they run out."
                  : `A new IAM user, valid until ${formatDateTime(issued.lease.expireAt)}. New IAM ` +
                    "keys can take a few seconds to work everywhere in AWS."}
              </DialogDescription>
            </DialogHeader>
            <Alert variant="warning">
              <span className="font-medium">
                <TriangleAlert aria-hidden="true" className="sr-only" />
                Copy or download these now: the secret access key
                {"SESSION_TOKEN" in issued.data ? " and session token" : ""} will not be shown again.
              </span>
              <span>Leasehold does not store it. If you lose it, revoke this lease and generate a new one.</span>
            </Alert>
            {issued.lease.statusDetails ? <Alert variant="warning">{issued.lease.statusDetails}</Alert> : null}
            <dl className="grid gap-3">
              <CredentialRow label="Access key ID" value={issued.data.ACCESS_KEY} />
              <CredentialRow label="Secret access key" value={issued.data.SECRET_ACCESS_KEY} />
              {"SESSION_TOKEN" in issued.data ? (
                <CredentialRow label="Session token" value={issued.data.SESSION_TOKEN} />
              ) : (
                <CredentialRow label="Username" value={issued.data.USERNAME} />
              )}
            </dl>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="outline"
                onClick={() =>
                  download(`leasehold-${issued.dynamicSecret.name}.credentials`, awsCredentialsProfile(issued))
                }
              >
                <Download aria-hidden="true" />
                Download ~/.aws/credentials profile
              </Button>
              <Button
                variant="outline"
                onClick={() => download(`leasehold-${issued.dynamicSecret.name}.env`, dotEnv(issued))}
              >
                <Download aria-hidden="true" />
                Download .env
              </Button>
            </div>
            <DialogFooter>
              <Button onClick={onClose}>I have saved them</Button>
            </DialogFooter>
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
