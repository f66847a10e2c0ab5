import { CircleCheck } from "lucide-react";
import type { AppConnection } from "#shared/schemas/app-connections.ts";
import { CopyButton } from "#web/components/ui/copy-button.tsx";

/** Shown once AWS accepted the connection: who AWS says Leasehold now is. */
export function ConnectedNotice({ connection }: { connection: AppConnection }) {
  const what = connection.method === "assume-role" ? "Assumed identity" : "IAM user";
  return (
    <div role="status" className="grid gap-3 rounded-xl border border-success/40 bg-success/8 p-5">
      <div className="flex items-center gap-2 text-base font-semibold">
        <CircleCheck aria-hidden="true" className="size-5 text-success" />
        Connected to AWS
      </div>
      <p className="text-sm">
        The connection <span className="font-mono font-medium">{connection.name}</span> works: AWS answered
        GetCallerIdentity
        {connection.method === "assume-role" ? " with a session of the role" : " for the access key"}.
      </p>
      <dl className="grid gap-1 text-sm">
        <dt className="text-muted-foreground">{what}</dt>
        <dd className="flex min-w-0 items-center gap-2">
          <code className="font-mono text-xs break-all">{connection.identityArn}</code>
          <CopyButton
            text={connection.identityArn ?? ""}
            label={`Copy ${what.toLowerCase()} ARN`}
            size="sm"
            variant="ghost"
          />
        </dd>
      </dl>
    </div>
  );
}
