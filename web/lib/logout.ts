import { useMutation } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { sessionRoutes } from "#client/core/routes/session.ts";
import { apiCall } from "#web/lib/api-client.ts";
import { clearQueryData } from "#web/lib/data-layer.ts";
import { storeSignedOut } from "#web/lib/session.ts";

export function useLogout() {
  const router = useRouter();
  return useMutation({
    mutationFn: () => apiCall(sessionRoutes.logout, { skipUnauthorizedHandler: true }),
    onSettled: async () => {
      // Even if the server call failed, forget the session locally: the person asked to leave.
      // Mark it signed out before navigating, or /login would see the remembered session and bounce back.
      storeSignedOut();
      await router.navigate({ to: "/login" });
      // Then drop everything cached for this account (the signed-in pages are unmounted by now).
      clearQueryData();
    },
  });
}
