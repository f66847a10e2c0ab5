import { useMutation } from "@tanstack/react-query";
import type { BodyOf } from "#client/core/route.ts";
import { authRoutes } from "#client/core/routes/auth.ts";
import { apiCall } from "#web/lib/api-client.ts";
import { storeNewSession } from "#web/lib/session.ts";
import { markSetupDone } from "#web/lib/setup-status.ts";

// Signing in (web/lib/session.ts: logIn) and the setup status (web/lib/setup-status.ts) live
// outside this module: /login needs them without TanStack Query or zod.

/** First run: creates the first admin, the organisation and a project, and signs the admin in. */
export function useSetup() {
  return useMutation({
    mutationFn: (input: BodyOf<typeof authRoutes.setup>) =>
      apiCall(authRoutes.setup, { body: input, skipUnauthorizedHandler: true }),
    onSuccess: (response) => {
      const { project, ...session } = response;
      storeNewSession(session);
      markSetupDone();
    },
  });
}

export function useAcceptInvite() {
  return useMutation({
    mutationFn: (input: BodyOf<typeof authRoutes.acceptInvite>) =>
      apiCall(authRoutes.acceptInvite, { body: input, skipUnauthorizedHandler: true }),
    onSuccess: (session) => storeNewSession(session),
  });
}
