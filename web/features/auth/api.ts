import { useMutation } from "@tanstack/react-query";
import {
  type AcceptInviteInput,
  type SetupInput,
  sessionResponseSchema,
  setupResponseSchema,
} from "#shared/schemas/auth.ts";
import { apiRequest } from "#web/lib/api-client.ts";
import { storeNewSession } from "#web/lib/session.ts";
import { markSetupDone } from "#web/lib/setup-status.ts";

// Signing in (web/lib/session.ts: logIn) and the setup status (web/lib/setup-status.ts) live
// outside this module: /login needs them without TanStack Query or zod.

/** First run: creates the first admin, the organisation and a project, and signs the admin in. */
export function useSetup() {
  return useMutation({
    mutationFn: (input: SetupInput) =>
      apiRequest("/api/v1/setup", setupResponseSchema, { method: "POST", body: input, skipUnauthorizedRedirect: true }),
    onSuccess: (response) => {
      const { project, ...session } = response;
      storeNewSession(session);
      markSetupDone();
    },
  });
}

export function useAcceptInvite() {
  return useMutation({
    mutationFn: (input: AcceptInviteInput) =>
      apiRequest("/api/v1/auth/accept-invite", sessionResponseSchema, {
        method: "POST",
        body: input,
        skipUnauthorizedRedirect: true,
      }),
    onSuccess: (session) => storeNewSession(session),
  });
}
