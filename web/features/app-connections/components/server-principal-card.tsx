import { useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { parseArn } from "#shared/arn.ts";
import { formatPolicy, serverPrincipalPolicy } from "#shared/aws-policies.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { type ConnectionScope, serverPrincipalQueryOptions } from "#web/features/app-connections/api.ts";
import { PolicyBlock } from "#web/features/app-connections/components/policy-block.tsx";

const ENV_VARS = "INF_APP_CONNECTION_AWS_ACCESS_KEY_ID=AKIA…\nINF_APP_CONNECTION_AWS_SECRET_ACCESS_KEY=…";

/** The inline policy Leasehold's own principal needs, in its partition. */
function assumeRolePolicyText(arn: string | undefined) {
  const partition = (arn ? parseArn(arn)?.partition : undefined) ?? "aws";
  return formatPolicy(serverPrincipalPolicy(partition));
}

function HowToGiveCredentials({ arn }: { arn?: string }) {
  return (
    <div className="grid gap-3 text-sm">
      <p>Give Leasehold an AWS principal of its own, in one of two ways:</p>
      <ul className="grid list-disc gap-1 pl-5">
        <li>
          On AWS (EC2, ECS, EKS): attach an instance, task or pod role to the server. Leasehold finds it through the AWS
          SDK&apos;s default chain, with no keys to store.
        </li>
        <li>
          Elsewhere: create an IAM user with an access key and set both variables on the server, then restart it:
          <div className="mt-2 flex items-start gap-2">
            <pre className="flex-1 overflow-auto rounded-md border bg-muted/40 p-2 font-mono text-xs">{ENV_VARS}</pre>
            <CopyButton text={ENV_VARS} label="Copy the variable names" />
          </div>
        </li>
      </ul>
      <PolicyBlock
        label="Inline policy for Leasehold's principal"
        description="It lets Leasehold assume the roles you create for it, and nothing else."
        text={assumeRolePolicyText(arn)}
      />
    </div>
  );
}

/**
 * "Leasehold's AWS principal": who will call sts:AssumeRole, from a live GetCallerIdentity on the
 * server. This ARN is what the role's trust policy must name.
 */
export function ServerPrincipalCard({ scope }: { scope: ConnectionScope }) {
  const principal = useQuery(serverPrincipalQueryOptions(scope));

  return (
    <Card aria-labelledby="server-principal-title" role="region">
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle id="server-principal-title">Leasehold&apos;s AWS principal</CardTitle>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void principal.refetch()}
            pending={principal.isFetching}
            aria-label="Check Leasehold's AWS principal again"
          >
            <RefreshCw aria-hidden="true" />
            Check again
          </Button>
        </div>
        <CardDescription>
          The identity Leasehold uses to assume your role. Your role&apos;s trust policy names it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {principal.isPending ? (
          <div role="status" className="grid gap-2" aria-busy="true" aria-label="Asking AWS who Leasehold is">
            <Skeleton className="h-5 w-3/4" />
            <Skeleton className="h-4 w-1/3" />
          </div>
        ) : principal.isError ? (
          <Alert>{principal.error.message}</Alert>
        ) : principal.data.configured ? (
          <>
            <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
              <dt className="text-muted-foreground">Principal ARN</dt>
              <dd className="flex min-w-0 items-center gap-2">
                <code className="truncate font-mono text-xs" title={principal.data.arn}>
                  {principal.data.arn}
                </code>
                <CopyButton text={principal.data.arn ?? ""} label="Copy principal ARN" size="sm" variant="ghost" />
              </dd>
              <dt className="text-muted-foreground">Account</dt>
              <dd className="font-mono text-xs">{principal.data.account}</dd>
              <dt className="text-muted-foreground">Credentials</dt>
              <dd>
                <Badge variant="outline">
                  {principal.data.source === "environment"
                    ? "INF_APP_CONNECTION_AWS_* variables"
                    : "AWS SDK default chain"}
                </Badge>
              </dd>
            </dl>
            <details className="rounded-lg border px-3 py-2 text-sm">
              <summary className="cursor-pointer font-medium">The policy this principal needs</summary>
              <div className="mt-3">
                <PolicyBlock
                  label="Inline policy for Leasehold's principal"
                  text={assumeRolePolicyText(principal.data.arn)}
                />
              </div>
            </details>
          </>
        ) : (
          <>
            <Alert variant="warning">
              <span className="font-medium">Leasehold has no working AWS credentials yet.</span>
              <span>{principal.data.message}</span>
            </Alert>
            <HowToGiveCredentials />
          </>
        )}
      </CardContent>
    </Card>
  );
}
