import { useQuery } from "@tanstack/react-query";
import { FolderOpen } from "lucide-react";
import { type FormEvent, Suspense, useState } from "react";
import type { ProjectRole } from "#shared/schemas/common.ts";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import type { Environment } from "#shared/schemas/projects.ts";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { Field, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { dynamicSecretsQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import {
  AddDynamicSecretButton,
  DynamicSecretsTable,
} from "#web/features/dynamic-secrets/components/dynamic-secrets-table.tsx";
import { GenerateLeaseFlow } from "#web/features/dynamic-secrets/components/generate-lease-flow.tsx";
import { LeasesPanel } from "#web/features/dynamic-secrets/components/leases-panel.tsx";
import { roleAllows } from "#web/lib/project-role.ts";

export interface OverviewSearch {
  env?: string | undefined;
  path?: string | undefined;
  secret?: string | undefined;
}

// The path is checked with the shared schema, imported when the field is first used: with the page, it would bring
// zod into the Secrets page's first download (decision 1311).
const loadFolderPathSchema = () =>
  import("#shared/schemas/dynamic-secrets.ts").then((module) => module.folderPathSchema);

function PathForm({ path, onOpen }: { path: string; onOpen: (path: string) => void }) {
  const [value, setValue] = useState(path);
  const [error, setError] = useState<string | undefined>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const schema = await loadFolderPathSchema().catch(() => undefined);
    if (!schema) return setError("Could not load the path check: reload the page and try again.");
    const parsed = schema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    onOpen(parsed.data);
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-2">
      <Field invalid={!!error} className="min-w-64 flex-1 sm:max-w-sm">
        <FieldLabel>Folder path</FieldLabel>
        <Input
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onFocus={() => void loadFolderPathSchema().catch(() => {})}
          className="font-mono"
          spellCheck={false}
        />
        <FieldError>{error}</FieldError>
      </Field>
      <Button type="submit" variant="outline">
        <FolderOpen aria-hidden="true" />
        Open
      </Button>
    </form>
  );
}

/** The Secret overview of a project: environment tabs, a folder path, its dynamic secrets, and one secret's leases. */
export function SecretOverview({
  projectId,
  projectSlug,
  environments,
  search,
  role,
  onNavigate,
}: {
  projectId: string;
  projectSlug: string;
  environments: Environment[];
  search: OverviewSearch;
  role: ProjectRole | null;
  onNavigate: (search: OverviewSearch) => void;
}) {
  const env = environments.find((e) => e.slug === search.env) ?? environments[0];
  const [generating, setGenerating] = useState<DynamicSecret | null>(null);
  if (!env)
    return (
      <p className="text-sm text-muted-foreground">
        This project has no environments yet: add one in the project overview first.
      </p>
    );
  const location: SecretLocation = { projectSlug, environmentSlug: env.slug, path: search.path ?? "/" };
  const permissions = {
    canManage: roleAllows(role, "dynamic-secrets.manage"),
    canLease: roleAllows(role, "leases.create"),
  };

  return (
    <section aria-labelledby="secret-overview-heading" className="grid min-w-0 grid-cols-1 gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="secret-overview-heading" className="text-lg font-semibold">
            Secret overview
          </h2>
          <p className="text-sm text-muted-foreground">
            Dynamic secrets hand out short-lived AWS credentials, per environment and folder.
          </p>
        </div>
      </div>
      {/* Real tabpanels: each tab's aria-controls names a panel that exists (Radix keeps the inactive ones empty). */}
      <Tabs value={env.slug} onValueChange={(slug) => onNavigate({ env: slug, path: "/" })}>
        <TabsList aria-label="Environments">
          {environments.map((e) => (
            <TabsTrigger key={e.id} value={e.slug}>
              {e.name}
            </TabsTrigger>
          ))}
        </TabsList>
        {environments.map((e) => (
          <TabsContent key={e.id} value={e.slug} className="grid min-w-0 grid-cols-1 gap-5">
            {e.slug === env.slug ? (
              <>
                <PathForm
                  key={`${env.slug}:${location.path}`}
                  path={location.path}
                  onOpen={(path) => onNavigate({ env: env.slug, path })}
                />
                <Card className="min-w-0">
                  <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
                    <div className="grid gap-1">
                      <CardTitle>Dynamic secrets</CardTitle>
                      <CardDescription>
                        In{" "}
                        <code className="font-mono break-all">
                          {env.slug}:{location.path}
                        </code>
                      </CardDescription>
                    </div>
                    {permissions.canManage ? (
                      <AddDynamicSecretButton location={location} projectId={projectId} />
                    ) : null}
                  </CardHeader>
                  <CardContent>
                    <Suspense fallback={<Skeleton className="h-32 w-full" aria-label="Loading dynamic secrets" />}>
                      <DynamicSecretsTable
                        location={location}
                        projectId={projectId}
                        permissions={permissions}
                        selectedName={search.secret}
                        onSelect={(name) => onNavigate({ env: env.slug, path: location.path, secret: name })}
                        onGenerate={setGenerating}
                      />
                    </Suspense>
                  </CardContent>
                </Card>
                {search.secret ? (
                  <SelectedSecretLeases
                    location={location}
                    name={search.secret}
                    role={role}
                    onNewLease={setGenerating}
                  />
                ) : null}
              </>
            ) : null}
          </TabsContent>
        ))}
      </Tabs>
      <GenerateLeaseFlow location={location} secret={generating} onClose={() => setGenerating(null)} />
    </section>
  );
}

function SelectedSecretLeases({
  location,
  name,
  role,
  onNewLease,
}: {
  location: SecretLocation;
  name: string;
  role: ProjectRole | null;
  onNewLease: (secret: DynamicSecret) => void;
}) {
  const secrets = useQuery(dynamicSecretsQueryOptions(location));
  const secret = secrets.data?.find((s) => s.name === name);
  if (!secret) return null;
  return (
    <LeasesPanel
      location={location}
      secret={secret}
      canLease={roleAllows(role, "leases.create")}
      permissions={{ canManage: roleAllows(role, "leases.manage"), canForce: roleAllows(role, "leases.force-revoke") }}
      onNewLease={() => onNewLease(secret)}
    />
  );
}
