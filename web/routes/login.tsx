import { createFileRoute, redirect } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { AuthCard } from "#web/features/auth/components/auth-card.tsx";
import { LoginForm } from "#web/features/auth/components/login-form.tsx";
import { safeRedirectPath } from "#web/lib/safe-redirect.ts";
import { searchParams, text } from "#web/lib/search-params.ts";
import { getSession } from "#web/lib/session.ts";
import { getSetupStatus } from "#web/lib/setup-status.ts";

const loginSearchSchema = searchParams({
  /** Where to return after signing in; checked by safeRedirectPath before use. */
  redirect: text(2048),
});

export const Route = createFileRoute("/login")({
  validateSearch: loginSearchSchema,
  beforeLoad: async ({ search }) => {
    const session = await getSession();
    if (session) throw redirect({ href: safeRedirectPath(search.redirect), replace: true });
    const { needsSetup } = await getSetupStatus();
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
