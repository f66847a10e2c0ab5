import { type IdentityAwsAuth, SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import { LOGIN_SNIPPETS, renderLoginSnippet } from "#shared/snippets/login-snippets.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { CopyButton } from "#web/components/ui/copy-button.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";

/**
 * Copyable login code for this identity, rendered from the same templates the integration
 * suite runs against a real server, pre-filled with this server's address and the identity.
 */
export function LoginSnippetsCard({ identityName, config }: { identityName: string; config: IdentityAwsAuth }) {
  const context = {
    serverUrl: window.location.origin,
    identityId: config.identityId,
    serverId: config.serverIdHeader ? config.serverId : null,
    stsEndpoint: config.stsEndpoint,
  };
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
          <TabsList aria-label="Language">
            {LOGIN_SNIPPETS.map((snippet) => (
              <TabsTrigger key={snippet.id} value={snippet.id}>
                {snippet.title}
              </TabsTrigger>
            ))}
          </TabsList>
          {LOGIN_SNIPPETS.map((snippet) => {
            const code = renderLoginSnippet(snippet.template, context);
            return (
              <TabsContent key={snippet.id} value={snippet.id} className="grid gap-2">
                <div className="flex items-center justify-between gap-3">
                  <p className="text-sm text-muted-foreground">{snippet.description}</p>
                  <CopyButton text={code} label={`Copy the ${snippet.title} snippet`} />
                </div>
                <figure
                  aria-label={`${snippet.title} snippet`}
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable, so focusable to scroll by keyboard
                  tabIndex={0}
                  className="max-h-[28rem] overflow-auto rounded-lg border bg-muted/50 p-4 focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <pre className="font-mono text-xs leading-relaxed">
                    <code>{code}</code>
                  </pre>
                </figure>
              </TabsContent>
            );
          })}
        </Tabs>
      </CardContent>
    </Card>
  );
}
