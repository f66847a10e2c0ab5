import { useQuery } from "@tanstack/react-query";
import { externalIdForScope, formatPolicy, trustPolicy } from "#shared/aws-policies.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { type ConnectionScope, serverPrincipalQueryOptions } from "#web/features/app-connections/api.ts";
import { PolicyBlock } from "#web/features/app-connections/components/policy-block.tsx";

/**
 * The External ID and the role's trust policy, generated for Leasehold's principal and this
 * scope: the org ID for an organization connection, the project ID for a project's.
 */
export function TrustPolicySection({ scope }: { scope: ConnectionScope }) {
  const principal = useQuery(serverPrincipalQueryOptions(scope));
  const principalArn = principal.data?.configured ? (principal.data.arn ?? null) : null;
  const externalId = externalIdForScope(scope);
  const scopeName = scope.projectId ? "this project's ID" : "your organization's ID";

  return (
    <div className="grid gap-4">
      <div className="grid gap-2 rounded-lg border bg-card p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-sm font-medium" id="external-id-label">
            External ID
          </span>
          <CopyButton text={externalId} label="Copy External ID" />
        </div>
        <figure aria-labelledby="external-id-label">
          <code className="font-mono text-sm break-all">{externalId}</code>
        </figure>
        <p className="text-sm text-muted-foreground">
          Leasehold sends {scopeName} as the External ID each time it assumes the role. Requiring it stops the{" "}
          <a
            className="text-primary underline-offset-4 hover:underline"
            href="https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"
            target="_blank"
            rel="noreferrer"
          >
            confused deputy
          </a>
          : someone else using this Leasehold server cannot point their own connection at your role, because their
          connection sends a different External ID.
        </p>
      </div>
      {principal.data && !principal.data.configured ? (
        <Alert variant="warning">
          The policy below has a placeholder principal until Leasehold has AWS credentials (see above).
        </Alert>
      ) : null}
      {principal.isPending ? (
        <div role="status" className="grid gap-2" aria-busy="true" aria-label="Generating the trust policy">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : (
        <PolicyBlock
          label="Trust policy"
          description={
            <>
              In IAM, create a role with a <em>custom trust policy</em> and paste this. It lets only Leasehold&apos;s
              principal assume the role, and only with this External ID.
            </>
          }
          text={formatPolicy(trustPolicy({ principalArn, externalId }))}
        />
      )}
    </div>
  );
}
