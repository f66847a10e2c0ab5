import { createFileRoute, redirect } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { setupStatusQueryOptions } from "#web/features/auth/api.ts";
import { AuthCard } from "#web/features/auth/components/auth-card.tsx";
import { LoginForm } from "#web/features/auth/components/login-form.tsx";
import { safeRedirectPath } from "#web/lib/safe-redirect.ts";
import { searchParams, text } from "#web/lib/search-params.ts";
import { sessionQueryOptions } from "#web/lib/session.ts";

const loginSearchSchema = searchParams({
  /** Where to return after signing in; checked by safeRedirectPath before use. */
  redirect: text(2048),
});

export const Route = createFileRoute("/login")({
  validateSearch: loginSearchSchema,
  beforeLoad: async ({ context: { queryClient }, search }) => {
    const session = await queryClient.ensureQueryData(sessionQueryOptions());
    if (session) throw redirect({ href: safeRedirectPath(search.redirect), replace: true });
    const { needsSetup } = await queryClient.fetchQuery(setupStatusQueryOptions());
    if (needsSetup) throw redirect({ to: "/setup", replace: true });
  },
  component: LoginPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function LoginPage() {
  const { redirect: redirectTo } = Route.useSearch();
  return (
    <AuthCard title="Log in" description="Sign in to manage short-lived AWS access.">
      <LoginForm redirectTo={redirectTo} />
    </AuthCard>
  );
}
