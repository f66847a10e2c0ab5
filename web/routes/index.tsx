import { createFileRoute, redirect } from "@tanstack/react-router";
import { setupStatusQueryOptions } from "#web/features/auth/api.ts";
import { sessionQueryOptions } from "#web/lib/session.ts";

/** "/" only decides where to go: the projects when signed in, otherwise first-run setup or login. */
export const Route = createFileRoute("/")({
  beforeLoad: async ({ context: { queryClient } }) => {
    const session = await queryClient.ensureQueryData(sessionQueryOptions());
    if (session) throw redirect({ to: "/projects", replace: true });
    const { needsSetup } = await queryClient.fetchQuery(setupStatusQueryOptions());
    throw redirect({ to: needsSetup ? "/setup" : "/login", replace: true });
  },
});
