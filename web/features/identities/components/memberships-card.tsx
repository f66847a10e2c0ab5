import { useSuspenseQuery } from "@tanstack/react-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { membershipsQueryOptions } from "#web/features/identities/api.ts";
import { AddMembershipForm } from "#web/features/identities/components/add-membership-form.tsx";
import { MembershipsTable } from "#web/features/identities/components/memberships-table.tsx";

/** The projects this identity works in. Without a membership it can do nothing in a project. */
export function MembershipsCard({ identityId, canManage }: { identityId: string; canManage: boolean }) {
  const { data: memberships } = useSuspenseQuery(membershipsQueryOptions(identityId));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Projects</CardTitle>
        <CardDescription>
          Its role in each project decides what its tokens may do there. In any other project it can do nothing.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {memberships.length > 0 ? (
          <MembershipsTable identityId={identityId} memberships={memberships} canManage={canManage} />
        ) : (
          <p className="text-sm text-muted-foreground">Not in any project yet.</p>
        )}
        {canManage ? (
          <AddMembershipForm
            identityId={identityId}
            existing={memberships}
            onAdded={(m) => toast.success(`Added to ${m.projectName}`)}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
