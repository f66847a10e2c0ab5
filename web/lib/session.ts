import { isLeaseholdError } from "#client/core/errors.ts";
import type { BodyOf } from "#client/core/route.ts";
import { sessionRoutes } from "#client/core/routes/session.ts";
import type { CurrentSessionResponse, SessionResponse } from "#shared/schemas/auth.ts";
import { apiCall, setCsrfToken } from "#web/lib/api-client.ts";
import { clearQueryData } from "#web/lib/data-layer.ts";

// Who is signed in. Every page's first download holds this module (the route tree asks it before anything renders),
// so it stays small: no TanStack Query, and no zod (the session route checks its answer by hand).

let current: Promise<SessionResponse | null> | undefined;

/** The signed-in person, or null when signed out (the server answers `session: null`, not an error). */
async function fetchSession(): Promise<SessionResponse | null> {
  let answer: CurrentSessionResponse;
  try {
    answer = await apiCall(sessionRoutes.session, { skipUnauthorizedHandler: true });
  } catch (error) {
    // The server says `session: null`; a 401 (a proxy in front of an older server) means the same.
    if (!(isLeaseholdError(error) && error.statusCode === 401)) throw error;
    answer = { session: null };
  }
  setCsrfToken(answer.session?.csrfToken ?? null);
  return answer.session;
}

/** Asked of the server once, then remembered until someone signs in or out or the server answers 401. */
export function getSession(): Promise<SessionResponse | null> {
  current ??= fetchSession().catch((error: unknown) => {
    current = undefined; // a network failure is not an answer: ask again next time
    throw error;
  });
  return current;
}

/** The session ended (a 401, a sign-out): the next getSession() asks the server again. */
export function forgetSession(): void {
  current = undefined;
}

/** Records that nobody is signed in any more, without asking the server. */
export function storeSignedOut(): void {
  setCsrfToken(null);
  current = Promise.resolve(null);
}

/**
 * Records a session the server just created (setup, login, accept-invite).
 * Data cached for a previous person is dropped first, so nobody sees another account's lists.
 */
export function storeNewSession(session: SessionResponse): void {
  clearQueryData();
  setCsrfToken(session.csrfToken);
  current = Promise.resolve(session);
}

/** Signs in. A wrong password answers 401: the form's message to show, not a reason to redirect. */
export async function logIn(input: BodyOf<typeof sessionRoutes.login>): Promise<SessionResponse> {
  const session = await apiCall(sessionRoutes.login, { body: input, skipUnauthorizedHandler: true });
  storeNewSession(session);
  return session;
}
