import { type QueryClient, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { currentSessionResponseSchema, type SessionResponse } from "#shared/schemas/auth.ts";
import { messageResponseSchema } from "#shared/schemas/common.ts";
import { apiRequest, setCsrfToken } from "#web/lib/api-client.ts";

export const sessionQueryKey = ["session"] as const;

/** The signed-in person, or null when signed out (the server answers `session: null`, not an error). */
async function fetchSession(signal: AbortSignal): Promise<SessionResponse | null> {
  const { session } = await apiRequest("/api/v1/auth/session", currentSessionResponseSchema, {
    signal,
    skipUnauthorizedRedirect: true,
  });
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * Records a session the server just created (setup, login, accept-invite).
 * Data cached for a previous person is dropped first, so nobody sees another account's lists.
 */
export function storeNewSession(queryClient: QueryClient, session: SessionResponse): void {
  setCsrfToken(session.csrfToken);
  queryClient.clear();
  queryClient.setQueryData(sessionQueryKey, session);
}

export function useLogout() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: () =>
      apiRequest("/api/v1/auth/logout", messageResponseSchema, { method: "POST", skipUnauthorizedRedirect: true }),
    onSettled: async () => {
      // Even if the server call failed, forget the session locally: the person asked to leave.
      // Mark it signed out before navigating, or /login would see the cached session and bounce back.
      setCsrfToken(null);
      queryClient.setQueryData(sessionQueryKey, null);
      await router.navigate({ to: "/login" });
      // Then drop everything cached for this account (the signed-in pages are unmounted by now).
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
    },
  });
}
