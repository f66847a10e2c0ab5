import { createFileRoute, redirect } from "@tanstack/react-router";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { CreateIdentityWizard, type WizardStep } from "#web/features/identities/components/create-identity-wizard.tsx";
import { IdentitiesEyebrow } from "#web/features/identities/components/identities-eyebrow.tsx";
import { oneOf, searchParams, uuid } from "#web/lib/search-params.ts";

const searchSchema = searchParams({ step: oneOf([1, 2, 3]), identityId: uuid });

export const Route = createFileRoute("/_app/identities/new")({
  validateSearch: searchSchema,
  // Creating identities is for org admins; the API refuses others anyway, this avoids a dead end.
  beforeLoad: ({ context: { session } }) => {
    if (session.orgRole !== "admin") throw redirect({ to: "/identities" });
  },
  component: NewIdentityPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function NewIdentityPage() {
  const { session } = Route.useRouteContext();
  const { step, identityId } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <>
      <PageHeader eyebrow={<IdentitiesEyebrow />} title="Create identity" />
      <CreateIdentityWizard
        orgId={session.organization.id}
        step={(step ?? 1) as WizardStep}
        identityId={identityId}
        onStep={(next, id) => navigate({ search: { step: next, identityId: id } })}
        onFinished={(id) => navigate({ to: "/identities/$identityId", params: { identityId: id } })}
      />
    </>
  );
}
