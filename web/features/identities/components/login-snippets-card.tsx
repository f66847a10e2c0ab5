import { useQueries, useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { type IdentityAwsAuth, SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import { LOGIN_SNIPPETS, renderLoginSnippet } from "#shared/snippets/login-snippets.ts";
import { type LeaseTarget, MACHINE_SNIPPETS, renderMachineSnippet } from "#shared/snippets/machine-snippets.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { dynamicSecretsQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import { membershipsQueryOptions } from "#web/features/identities/api.ts";
import { projectQueryOptions } from "#web/features/projects/api.ts";

/**
 * A dynamic secret this identity may lease from, to pre-fill the CLI and profile snippets: the
 * first project where it is a developer or admin, and the first environment there with a secret
 * in the root folder. Null when there is none (or the person cannot see that project).
 */
function useLeaseTarget(identityId: string): { target: LeaseTarget | null; isLoading: boolean } {
  const memberships = useQuery(membershipsQueryOptions(identityId));
  const leasing = memberships.data?.find((m) => m.role !== "viewer") ?? null;
  const project = useQuery({ ...projectQueryOptions(leasing?.projectId ?? ""), enabled: leasing !== null });
  const environments = project.data?.environments ?? [];
  const secrets = useQueries({
    queries: environments.map((env) =>
      dynamicSecretsQueryOptions({ projectSlug: leasing?.projectSlug ?? "", environmentSlug: env.slug, path: "/" }),
    ),
  });
  const isLoading =
    memberships.isPending || (leasing !== null && project.isPending) || secrets.some((s) => s.isPending);
  for (const [index, result] of secrets.entries()) {
    const secret = result.data?.[0];
    if (secret && leasing) {
      return {
        isLoading: false,
        target: {
          secretName: secret.name,
          projectSlug: leasing.projectSlug,
          environmentSlug: environments[index]!.slug,
          path: "/",
          awsRegion: secret.inputs.region,
        },
      };
    }
  }
  return { target: null, isLoading };
}

function SnippetBody({ title, description, code }: { title: string; description: string; code: string }) {
  return (
    <>
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">{description}</p>
        <CopyButton text={code} label={`Copy the ${title} snippet`} />
      </div>
      <figure
        aria-label={`${title} snippet`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable, so focusable to scroll by keyboard
        tabIndex={0}
        className={
          "max-h-[28rem] overflow-auto rounded-lg border bg-muted/50 p-4 " +
          "focus-visible:outline-2 focus-visible:outline-ring"
        }
      >
        <pre className="font-mono text-xs leading-relaxed">
          <code>{code}</code>
        </pre>
      </figure>
    </>
  );
}

/**
 * Copyable login code for this identity, rendered from the same templates the integration
 * suite runs against a real server, pre-filled with this server's address and the identity;
 * the CLI and AWS profile tabs also with a dynamic secret the identity can lease from.
 */
export function LoginSnippetsCard({ identityName, config }: { identityName: string; config: IdentityAwsAuth }) {
  const context = {
    serverUrl: window.location.origin,
    identityId: config.identityId,
    serverId: config.serverIdHeader ? config.serverId : null,
    stsEndpoint: config.stsEndpoint,
  };
  const lease = useLeaseTarget(config.identityId);
  return (
    <Card>
      <CardHeader>
        <CardTitle>How to log in from AWS</CardTitle>
        <CardDescription>
          Run on the machine that logs in as {identityName}. It signs a request with the machine's own AWS credentials;
          the credentials never leave it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {config.serverIdHeader ? (
          <Alert variant="warning">
            This identity requires the signed {SERVER_ID_HEADER} header. These snippets send it; Infisical's SDKs
            cannot, so machines using them need the header switched off in AWS Auth.
          </Alert>
        ) : null}
        <Tabs defaultValue={LOGIN_SNIPPETS[0].id}>
          <TabsList aria-label="Language" className="flex h-auto flex-wrap justify-start">
            {[...LOGIN_SNIPPETS, ...MACHINE_SNIPPETS].map((snippet) => (
              <TabsTrigger key={snippet.id} value={snippet.id}>
                {snippet.title}
              </TabsTrigger>
            ))}
          </TabsList>
          {LOGIN_SNIPPETS.map((snippet) => (
            <TabsContent key={snippet.id} value={snippet.id} className="grid gap-2">
              <SnippetBody {...snippet} code={renderLoginSnippet(snippet.template, context)} />
            </TabsContent>
          ))}
          {MACHINE_SNIPPETS.map((snippet) => (
            <TabsContent key={snippet.id} value={snippet.id} className="grid gap-2">
              {lease.target ? (
                <>
                  <SnippetBody
                    {...snippet}
                    code={renderMachineSnippet(snippet.template, { ...context, lease: lease.target })}
                  />
                  <p className="text-xs text-muted-foreground">
                    Leases from {lease.target.secretName} in {lease.target.projectSlug} / {lease.target.environmentSlug}
                    . Change --secret, --project and --env for another dynamic secret.
                  </p>
                </>
              ) : lease.isLoading ? (
                <div role="status">
                  <span className="sr-only">Loading the dynamic secrets this identity can lease…</span>
                  <Skeleton className="h-40" />
                </div>
              ) : (
                <EmptyState
                  icon={KeyRound}
                  title="Nothing to lease yet"
                  description={
                    "Add this identity to a project as a developer or admin, and create a dynamic secret " +
                    "in its root folder: this snippet then fills itself in."
                  }
                />
              )}
            </TabsContent>
          ))}
        </Tabs>
      </CardContent>
    </Card>
  );
}
