import { createFileRoute, redirect } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { setupStatusQueryOptions } from "#web/features/auth/api.ts";
import { AuthCard } from "#web/features/auth/components/auth-card.tsx";
import { SetupForm } from "#web/features/auth/components/setup-form.tsx";

/** First run only: once an admin exists, this page is gone for good. */
export const Route = createFileRoute("/setup")({
  beforeLoad: async ({ context: { queryClient } }) => {
    const { needsSetup } = await queryClient.fetchQuery(setupStatusQueryOptions());
    if (!needsSetup) throw redirect({ to: "/", replace: true });
  },
  component: SetupPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function SetupPage() {
  return (
    <AuthCard
      title="Set up Leasehold"
      description="Create the first admin account, your organization and a first project."
    >
      <SetupForm />
    </AuthCard>
  );
}
