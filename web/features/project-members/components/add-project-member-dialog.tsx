import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { addProjectMembershipInputSchema, type ProjectMembership } from "#shared/schemas/projects.ts";
import { Alert } from "#web/components/ui/alert.tsx";
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
import { Select } from "#web/components/ui/select.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { orgMemberChoicesQueryOptions, useAddProjectMembership } from "#web/features/project-members/api.ts";
import { projectRoleLabels, projectRoles } from "#web/features/project-members/components/project-role.ts";

export function AddProjectMemberDialog({
  projectId,
  orgId,
  memberships,
}: {
  projectId: string;
  orgId: string;
  memberships: ProjectMembership[];
}) {
  const [open, setOpen] = useState(false);
  // Loaded only once the dialog opens: most visits to this page never add anyone.
  const choices = useQuery({ ...orgMemberChoicesQueryOptions(orgId), enabled: open });
  const addMembership = useAddProjectMembership(projectId);
  const form = useForm({
    resolver: zodResolver(addProjectMembershipInputSchema),
    defaultValues: { userId: "", role: "developer" as const },
  });
  const { errors } = form.formState;

  const existing = new Set(memberships.map((membership) => membership.userId));
  const candidates = (choices.data?.members ?? []).filter((member) => !existing.has(member.userId));

  const onSubmit = form.handleSubmit((input) =>
    addMembership.mutateAsync(input).then(
      ({ membership }) => {
        setOpen(false);
        form.reset();
        toast.success(`${membership.name || membership.email} added to the project`);
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
        <Button>
          <UserPlus aria-hidden="true" />
          Add member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a project member</DialogTitle>
          <DialogDescription>Give someone from your organization a role in this project.</DialogDescription>
        </DialogHeader>
        {choices.isPending ? (
          <div className="grid gap-3" aria-busy="true">
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
          </div>
        ) : choices.isError ? (
          <Alert>{choices.error.message}</Alert>
        ) : candidates.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            Everyone in the organization is already a member. Add people to the organization first, under Organization
            settings → Members.
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            <Field invalid={!!errors.userId}>
              <FieldLabel>Person</FieldLabel>
              <Select {...form.register("userId")}>
                <option value="" disabled>
                  Choose a person…
                </option>
                {candidates.map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.name ? `${member.name} (${member.email})` : member.email}
                  </option>
                ))}
              </Select>
              {/* An empty choice fails the schema's uuid rule, whose words mean nothing here; a server's reason
                  (the person left the organization, is a member already) is shown as it is. */}
              <FieldError>
                {errors.userId?.type === "server" ? errors.userId.message : errors.userId ? "Choose a person" : null}
              </FieldError>
            </Field>
            <Field invalid={!!errors.role}>
              <FieldLabel>Role</FieldLabel>
              <Select {...form.register("role")}>
                {projectRoles.map((role) => (
                  <option key={role} value={role}>
                    {projectRoleLabels[role]}
                  </option>
                ))}
              </Select>
              <FieldDescription>You can change the role later.</FieldDescription>
              <FieldError>{errors.role?.message}</FieldError>
            </Field>
            <DialogFooter>
              <Button type="submit" pending={addMembership.isPending}>
                Add to project
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
