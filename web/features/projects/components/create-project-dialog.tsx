import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { slugify, slugSchema } from "#shared/schemas/common.ts";
import { createProjectInputSchema } from "#shared/schemas/projects.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { Field, FieldDescription, FieldError, FieldLabel } from "#web/components/ui/field.tsx";
import { handleFormError } from "#web/components/ui/form.tsx";
import { Input } from "#web/components/ui/input.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useCreateProject } from "#web/features/projects/api.ts";

// An empty slug field means "derive it from the name", which the API does when `slug` is absent.
const createProjectFormSchema = createProjectInputSchema.extend({
  slug: z.union([z.literal(""), slugSchema]),
});

export function CreateProjectDialog({ trigger }: { trigger?: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const createProject = useCreateProject();
  const form = useForm({
    resolver: zodResolver(createProjectFormSchema),
    defaultValues: { name: "", slug: "" },
  });
  const { errors } = form.formState;
  const suggestedSlug = slugify(form.watch("name") ?? "");

  const onSubmit = form.handleSubmit(({ name, slug }) =>
    createProject.mutateAsync({ name, slug: slug || undefined }).then(
      ({ project }) => {
        setOpen(false);
        form.reset();
        toast.success(`Project “${project.name}” created`);
        return navigate({ to: "/projects/$projectId", params: { projectId: project.id } });
      },
      (error) => handleFormError(form, error),
    ),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) form.reset();
      }}
    >
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <Plus aria-hidden="true" />
            New project
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New project</DialogTitle>
          <DialogDescription>A project groups environments and the people who can use them.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <Field invalid={!!errors.name}>
            <FieldLabel>Name</FieldLabel>
            <Input autoComplete="off" {...form.register("name")} />
            <FieldError>{errors.name?.message}</FieldError>
          </Field>
          <Field invalid={!!errors.slug}>
            <FieldLabel>Slug (optional)</FieldLabel>
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={suggestedSlug || "my-project"}
              {...form.register("slug")}
            />
            <FieldDescription>Used by SDKs and scripts. Left empty, it is derived from the name.</FieldDescription>
            <FieldError>{errors.slug?.message}</FieldError>
          </Field>
          <DialogFooter>
            <Button type="submit" pending={createProject.isPending}>
              Create project
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
