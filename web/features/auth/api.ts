import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import {
  type AcceptInviteInput,
  type LoginInput,
  type SetupInput,
  sessionResponseSchema,
  setupResponseSchema,
  setupStatusSchema,
} from "#shared/schemas/auth.ts";
import { apiRequest } from "#web/lib/api-client.ts";
import { storeNewSession } from "#web/lib/session.ts";

const setupStatusQueryKey = ["setup-status"] as const;

export function setupStatusQueryOptions() {
  return queryOptions({
    queryKey: setupStatusQueryKey,
    queryFn: ({ signal }) =>
      apiRequest("/api/v1/setup/status", setupStatusSchema, { signal, skipUnauthorizedRedirect: true }),
    // Setup happens once; after that the answer never changes back.
    staleTime: 60_000,
  });
}

/** First run: creates the first admin, the organisation and a project, and signs the admin in. */
export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) =>
      apiRequest("/api/v1/setup", setupResponseSchema, { method: "POST", body: input, skipUnauthorizedRedirect: true }),
    onSuccess: (response) => {
      const { project, ...session } = response;
      storeNewSession(queryClient, session);
      queryClient.setQueryData(setupStatusQueryKey, { needsSetup: false });
    },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    // A wrong password answers 401; that is the form's message to show, not a reason to redirect.
    mutationFn: (input: LoginInput) =>
      apiRequest("/api/v1/auth/login", sessionResponseSchema, {
        method: "POST",
        body: input,
        skipUnauthorizedRedirect: true,
      }),
    onSuccess: (session) => storeNewSession(queryClient, session),
  });
}

export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInviteInput) =>
      apiRequest("/api/v1/auth/accept-invite", sessionResponseSchema, {
        method: "POST",
        body: input,
        skipUnauthorizedRedirect: true,
      }),
    onSuccess: (session) => storeNewSession(queryClient, session),
  });
}
