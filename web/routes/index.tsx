import { createFileRoute, redirect } from "@tanstack/react-router";
import { getSession } from "#web/lib/session.ts";
import { getSetupStatus } from "#web/lib/setup-status.ts";

/** "/" only decides where to go: the projects when signed in, otherwise first-run setup or login. */
export const Route = createFileRoute("/")({
  beforeLoad: async () => {
    const session = await getSession();
    if (session) throw redirect({ to: "/projects", replace: true });
    const { needsSetup } = await getSetupStatus();
    throw redirect({ to: needsSetup ? "/setup" : "/login", replace: true });
  },
});
