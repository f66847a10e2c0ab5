import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { addMemberInputSchema, type addMemberResponseSchema } from "#shared/schemas/members.ts";
import { Button } from "#web/components/ui/button.tsx";
import {
  Dialog,
  DialogClose,
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
import { Select } from "#web/components/ui/select.tsx";
import { useAddMember } from "#web/features/members/api.ts";
import { orgRoleLabels, orgRoles } from "#web/features/members/components/org-role.ts";
import { SetupLinkNotice } from "#web/features/members/components/setup-link-notice.tsx";

type AddedMember = z.output<typeof addMemberResponseSchema>;

export function AddMemberDialog({ orgId }: { orgId: string }) {
  const [open, setOpen] = useState(false);
  // Kept only in component state: the link is a credential and is gone once the dialog closes.
  const [added, setAdded] = useState<AddedMember | null>(null);
  const addMember = useAddMember(orgId);
  const form = useForm({
    resolver: zodResolver(addMemberInputSchema),
    defaultValues: { email: "", role: "member" as const },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((input) =>
    addMember.mutateAsync(input).then(setAdded, (error) => handleFormError(form, error)),
  );

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setAdded(null);
      form.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" />
          Add member
        </Button>
      </DialogTrigger>
      <DialogContent
        // With the link on screen, a stray click outside must not throw it away.
        onInteractOutside={(event) => {
          if (added) event.preventDefault();
        }}
      >
        {added ? (
          <>
            <DialogHeader>
              <DialogTitle>{added.member.email} was added</DialogTitle>
              <DialogDescription>They finish signing up with this one-time setup link.</DialogDescription>
            </DialogHeader>
            <SetupLinkNotice
              email={added.member.email}
              setupLink={added.setupLink}
              expiresAt={added.setupLinkExpiresAt}
            />
            <DialogFooter>
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Add a member</DialogTitle>
              <DialogDescription>You get a one-time setup link to share with them.</DialogDescription>
            </DialogHeader>
            <form onSubmit={onSubmit} noValidate className="grid gap-4">
              <Field invalid={!!errors.email}>
                <FieldLabel>Email</FieldLabel>
                <Input type="email" autoComplete="off" {...form.register("email")} />
                <FieldError>{errors.email?.message}</FieldError>
              </Field>
              <Field invalid={!!errors.role}>
                <FieldLabel>Organization role</FieldLabel>
                <Select {...form.register("role")}>
                  {orgRoles.map((role) => (
                    <option key={role} value={role}>
                      {orgRoleLabels[role]}
                    </option>
                  ))}
                </Select>
                <FieldDescription>Admins can manage the organization's members.</FieldDescription>
                <FieldError>{errors.role?.message}</FieldError>
              </Field>
              <DialogFooter>
                <Button type="submit" pending={addMember.isPending}>
                  Add member
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
