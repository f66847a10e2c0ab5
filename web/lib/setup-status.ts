import { sessionRoutes } from "#client/core/routes/session.ts";
import { apiCall } from "#web/lib/api-client.ts";

// Whether the server still waits for first-run setup. /login asks it on every signed-out visit; the route checks the
// answer by hand (client/core/routes/session.ts), so the sign-in page downloads no zod.

type SetupStatus = Awaited<ReturnType<typeof fetchSetupStatus>>;
const fetchSetupStatus = () => apiCall(sessionRoutes.setupStatus, { skipUnauthorizedHandler: true });

// Setup happens once; after that the answer never changes back. A minute of memory spares the
// second request when "/" sends a signed-out visitor on to /login.
const FRESH_MS = 60_000;
let remembered: { at: number; status: Promise<SetupStatus> } | undefined;

export function getSetupStatus(): Promise<SetupStatus> {
  if (!remembered || Date.now() - remembered.at > FRESH_MS) {
    const status = fetchSetupStatus();
    remembered = { at: Date.now(), status };
    status.catch(() => {
      remembered = undefined;
    });
  }
  return remembered.status;
}

/** Setup just finished: nobody needs to ask again. */
export function markSetupDone(): void {
  remembered = { at: Date.now(), status: Promise.resolve({ needsSetup: false }) };
}
