import { QueryClient } from "@tanstack/react-query";
import { isLeaseholdError, NETWORK_ERROR_STATUS } from "#client/core/errors.ts";

/** Retrying a 4xx only repeats the same refusal; retry network blips and 5xx a couple of times. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isLeaseholdError(error) && error.statusCode !== NETWORK_ERROR_STATUS && error.statusCode < 500) return false;
  return failureCount < 2;
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Loaders call ensureQueryData; a short stale time avoids refetching the same page on every navigation.
        staleTime: 15_000,
        retry: shouldRetry,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** The visit's one client; this module is loaded on first use (web/lib/data-layer.ts), not with the first page. */
export const queryClient = createQueryClient();
