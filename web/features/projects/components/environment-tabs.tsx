import { useSuspenseQuery } from "@tanstack/react-query";
import { Layers, Plus } from "lucide-react";
import type { EnvironmentCounts } from "#shared/schemas/project-overview.ts";
import { Button } from "#web/components/ui/button.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "#web/components/ui/tabs.tsx";
import { projectQueryOptions } from "#web/features/projects/api.ts";
import { EnvironmentFormDialog } from "#web/features/projects/components/environment-form-dialog.tsx";
import { EnvironmentPanel } from "#web/features/projects/components/environment-panel.tsx";

/**
 * The project's environments as tabs; the selected one lives in the URL (?env=slug) so it can be linked.
 * Every panel stays in the DOM (forceMount, `hidden` when not selected) so that each tab's `aria-controls` names
 * an element that exists; only the selected panel renders its content.
 */
export function EnvironmentTabs({
  projectId,
  selectedSlug,
  onSelect,
  counts,
  countsPending,
}: {
  projectId: string;
  selectedSlug: string | undefined;
  onSelect: (slug: string | undefined) => void;
  /** Each environment's counts from the overview; undefined while it loads or when it failed. */
  counts: EnvironmentCounts[] | undefined;
  countsPending: boolean;
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
    <section aria-labelledby="environments-heading" className="grid min-w-0 gap-4">
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
          {environments.map((environment) => {
            const isSelected = environment.id === selected.id;
            return (
              <TabsContent key={environment.id} value={environment.slug} forceMount hidden={!isSelected}>
                {isSelected ? (
                  <EnvironmentPanel
                    project={project}
                    environment={environment}
                    counts={counts?.find((c) => c.environmentId === environment.id)}
                    countsPending={countsPending}
                    onSaved={(saved) => onSelect(saved.slug)}
                    onDeleted={() => onSelect(undefined)}
                  />
                ) : null}
              </TabsContent>
            );
          })}
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
