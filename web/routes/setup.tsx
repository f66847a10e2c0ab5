import { QueryClientProvider } from "@tanstack/react-query";
import { createFileRoute, redirect } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { AuthCard } from "#web/features/auth/components/auth-card.tsx";
import { SetupForm } from "#web/features/auth/components/setup-form.tsx";
import { loadQueryClient } from "#web/lib/data-layer.ts";
import { getSetupStatus } from "#web/lib/setup-status.ts";

/** First run only: once an admin exists, this page is gone for good. */
export const Route = createFileRoute("/setup")({
  beforeLoad: async () => {
    const [{ needsSetup }, queryClient] = await Promise.all([getSetupStatus(), loadQueryClient()]);
    if (!needsSetup) throw redirect({ to: "/", replace: true });
    return { queryClient };
  },
  component: SetupPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function SetupPage() {
  const { queryClient } = Route.useRouteContext();
  return (
    <QueryClientProvider client={queryClient}>
      <AuthCard
        title="Set up Leasehold"
        description="Create the first admin account, your organization and a first project."
      >
        <SetupForm />
      </AuthCard>
    </QueryClientProvider>
  );
}
