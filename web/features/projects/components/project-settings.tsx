import { zodResolver } from "@hookform/resolvers/zod";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Trash2 } from "lucide-react";
import { useForm } from "react-hook-form";
import { createProjectInputSchema } from "#shared/schemas/projects.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { projectQueryOptions, useDeleteProject, useUpdateProject } from "#web/features/projects/api.ts";

// The update schema makes both fields optional; this form always shows both, and sends only what changed.
const projectDetailsFormSchema = createProjectInputSchema.required();

function ProjectDetailsForm({ projectId }: { projectId: string }) {
  const { data: project } = useSuspenseQuery(projectQueryOptions(projectId));
  const updateProject = useUpdateProject(projectId);
  const form = useForm({
    resolver: zodResolver(projectDetailsFormSchema),
    values: { name: project.name, slug: project.slug },
  });
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(({ name, slug }) =>
    updateProject
      .mutateAsync({
        name: name === project.name ? undefined : name,
        slug: slug === project.slug ? undefined : slug,
      })
      .then(
        () => toast.success("Project saved"),
        (error) => handleFormError(form, error),
      ),
  );

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader>
          <CardTitle>Project details</CardTitle>
          <CardDescription>The name people see, and the slug SDKs and scripts use.</CardDescription>
        </CardHeader>
        <CardContent className="grid max-w-md gap-4">
          <Field invalid={!!errors.name}>
            <FieldLabel>Project name</FieldLabel>
            <Input autoComplete="off" {...form.register("name")} />
            <FieldError>{errors.name?.message}</FieldError>
          </Field>
          <Field invalid={!!errors.slug}>
            <FieldLabel>Project slug</FieldLabel>
            <Input autoComplete="off" spellCheck={false} {...form.register("slug")} />
            <FieldDescription>Changing it breaks SDK calls that use the old slug.</FieldDescription>
            <FieldError>{errors.slug?.message}</FieldError>
          </Field>
        </CardContent>
        <CardFooter>
          <Button type="submit" pending={updateProject.isPending} disabled={!isDirty}>
            Save changes
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function DeleteProjectCard({ projectId }: { projectId: string }) {
  const { data: project } = useSuspenseQuery(projectQueryOptions(projectId));
  const deleteProject = useDeleteProject(projectId);
  const navigate = useNavigate();
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>Delete project</CardTitle>
        <CardDescription>
          Removes the project, its environments and every membership in it. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardFooter>
        <ConfirmDialog
          trigger={
            <Button variant="destructive">
              <Trash2 aria-hidden="true" />
              Delete project
            </Button>
          }
          title={`Delete project “${project.name}”?`}
          description="Its environments and memberships are deleted with it. This cannot be undone."
          confirmLabel="Delete project"
          typeToConfirm={project.name}
          onConfirm={async () => {
            await deleteProject.mutateAsync();
            toast.success(`Project “${project.name}” deleted`);
            await navigate({ to: "/projects" });
          }}
        />
      </CardFooter>
    </Card>
  );
}

export function ProjectSettings({ projectId }: { projectId: string }) {
  return (
    <div className="grid gap-6">
      <ProjectDetailsForm projectId={projectId} />
      <DeleteProjectCard projectId={projectId} />
    </div>
  );
}
