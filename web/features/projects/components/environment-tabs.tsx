import { useSuspenseQuery } from "@tanstack/react-query";
import { Layers, Plus } from "lucide-react";
import { Button } from "#web/components/ui/button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { projectQueryOptions } from "#web/features/projects/api.ts";
import { EnvironmentFormDialog } from "#web/features/projects/components/environment-form-dialog.tsx";
import { EnvironmentPanel } from "#web/features/projects/components/environment-panel.tsx";

/** The project's environments as tabs; the selected one lives in the URL (?env=slug) so it can be linked. */
export function EnvironmentTabs({
  projectId,
  selectedSlug,
  onSelect,
}: {
  projectId: string;
  selectedSlug: string | undefined;
  onSelect: (slug: string | undefined) => void;
}) {
  const { data: project } = useSuspenseQuery(projectQueryOptions(projectId));
  const environments = [...project.environments].sort((a, b) => a.position - b.position);
  const selected = environments.find((environment) => environment.slug === selectedSlug) ?? environments[0];

  const addButton = (
    <EnvironmentFormDialog
      projectId={projectId}
      onSaved={(environment) => onSelect(environment.slug)}
      trigger={
        <Button variant="outline" size="sm">
          <Plus aria-hidden="true" />
          Add environment
        </Button>
      }
    />
  );

  return (
    <section aria-labelledby="environments-heading" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="environments-heading" className="text-lg font-semibold">
            Environments
          </h2>
          <p className="text-sm text-muted-foreground">
            Separate stages of this project, such as dev, staging and prod.
          </p>
        </div>
        {selected ? addButton : null}
      </div>
      {selected ? (
        <Tabs value={selected.slug} onValueChange={onSelect}>
          <TabsList aria-label="Environments">
            {environments.map((environment) => (
              <TabsTrigger key={environment.id} value={environment.slug}>
                {environment.name}
              </TabsTrigger>
            ))}
          </TabsList>
          {environments.map((environment) => (
            <TabsContent key={environment.id} value={environment.slug}>
              <EnvironmentPanel
                project={project}
                environment={environment}
                onSaved={(saved) => onSelect(saved.slug)}
                onDeleted={() => onSelect(undefined)}
              />
            </TabsContent>
          ))}
        </Tabs>
      ) : (
        <EmptyState
          icon={Layers}
          title="No environments"
          description="Add an environment to give machines and people access to it."
          action={addButton}
        />
      )}
    </section>
  );
}
