import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, notFound } from "@tanstack/react-router";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { awsAuthQueryOptions, identityQueryOptions, membershipsQueryOptions } from "#web/features/identities/api.ts";
import { AwsAuthCard } from "#web/features/identities/components/aws-auth-card.tsx";
import { IdentitiesEyebrow } from "#web/features/identities/components/identities-eyebrow.tsx";
import { IdentityActions } from "#web/features/identities/components/identity-actions.tsx";
import { orgRoleLabel } from "#web/features/identities/components/labels.ts";
import { LoginSnippetsCard } from "#web/features/identities/components/login-snippets-card.tsx";
import { MembershipsCard } from "#web/features/identities/components/memberships-card.tsx";
import { TokensCard } from "#web/features/identities/components/tokens-card.tsx";
import { isUnfinished, UnfinishedIdentityNotice } from "#web/features/identities/components/unfinished-identity.tsx";
import { formatDate } from "#web/lib/format.ts";
import { rethrowNotFound } from "#web/lib/not-found.ts";
import { isUuid } from "#web/lib/search-params.ts";

export const Route = createFileRoute("/_app/identities/$identityId")({
  beforeLoad: ({ params }) => {
    if (!isUuid(params.identityId)) throw notFound();
  },
  loader: ({ context: { queryClient }, params }) =>
    Promise.all([
      queryClient
        .ensureQueryData(identityQueryOptions(params.identityId))
        .then((identity) =>
          queryClient.ensureQueryData(
            awsAuthQueryOptions(params.identityId, identity.identity.authMethods.includes("aws-auth")),
          ),
        ),
      queryClient.ensureQueryData(membershipsQueryOptions(params.identityId)),
    ]).catch(rethrowNotFound), // an identity that is gone is "not found", not an error to log
  component: IdentityPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function IdentityPage() {
  const { identityId } = Route.useParams();
  const { session } = Route.useRouteContext();
  const navigate = Route.useNavigate();
  const { data: identity } = useSuspenseQuery(identityQueryOptions(identityId));
  const { data: awsAuth } = useSuspenseQuery(
    awsAuthQueryOptions(identityId, identity.authMethods.includes("aws-auth")),
  );
  const isAdmin = session.orgRole === "admin";
  return (
    <>
      <PageHeader
        eyebrow={<IdentitiesEyebrow />}
        title={identity.name}
        description={
          `Org role: ${orgRoleLabel(identity.role)} · created ` +
          `${formatDate(identity.createdAt)} · ID ${identity.id}`
        }
        actions={
          isAdmin ? <IdentityActions identity={identity} onDeleted={() => navigate({ to: "/identities" })} /> : null
        }
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
        {isAdmin && isUnfinished(identity) ? (
          <UnfinishedIdentityNotice identity={identity} onDeleted={() => navigate({ to: "/identities" })} />
        ) : null}
        <AwsAuthCard identity={identity} canManage={isAdmin} />
        <MembershipsCard identityId={identity.id} canManage={isAdmin} />
        <TokensCard identityId={identity.id} canManage={isAdmin} />
        {awsAuth ? <LoginSnippetsCard identityName={identity.name} config={awsAuth} /> : null}
      </div>
    </>
  );
}
