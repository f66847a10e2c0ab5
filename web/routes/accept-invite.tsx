import { createFileRoute, Link } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { Alert } from "#web/components/ui/alert.tsx";
import { AcceptInviteForm } from "#web/features/auth/components/accept-invite-form.tsx";
import { AuthCard } from "#web/features/auth/components/auth-card.tsx";
import { searchParams, text } from "#web/lib/search-params.ts";

const acceptInviteSearchSchema = searchParams({
  token: text(256),
});

/** Where the one-time setup link an admin shared lands: the invited person picks a name and password. */
export const Route = createFileRoute("/accept-invite")({
  validateSearch: acceptInviteSearchSchema,
  component: AcceptInvitePage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function AcceptInvitePage() {
  const { token } = Route.useSearch();
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
    <AuthCard title="Join your team" description="Choose your name and a password to finish setting up your account.">
      <AcceptInviteForm token={token} />
    </AuthCard>
  );
}
