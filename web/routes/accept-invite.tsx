import { QueryClientProvider } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { Alert } from "#web/components/ui/alert.tsx";
import { AcceptInviteForm } from "#web/features/auth/components/accept-invite-form.tsx";
import { AuthCard } from "#web/features/auth/components/auth-card.tsx";
import { loadQueryClient } from "#web/lib/data-layer.ts";
import { searchParams, text } from "#web/lib/search-params.ts";

const acceptInviteSearchSchema = searchParams({
  token: text(256),
});

/** Where the one-time setup link an admin shared lands: the invited person picks a name and password. */
export const Route = createFileRoute("/accept-invite")({
  validateSearch: acceptInviteSearchSchema,
  beforeLoad: async () => ({ queryClient: await loadQueryClient() }),
  component: AcceptInvitePage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function AcceptInvitePage() {
  const { token } = Route.useSearch();
  const { queryClient } = Route.useRouteContext();
  if (!token) {
    return (
      <AuthCard title="Join your team">
        <div className="grid gap-4">
          <Alert>This link is incomplete. Open the full setup link your admin sent you.</Alert>
          <Link to="/login" className="text-center text-sm text-primary underline-offset-4 hover:underline">
            Go to log in
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <AuthCard title="Join your team" description="Choose your name and a password to finish setting up your account.">
        <AcceptInviteForm token={token} />
      </AuthCard>
    </QueryClientProvider>
  );
}
