import type { LoginInput, SessionResponse } from "#shared/schemas/auth.ts";
import { apiRequest, isApiError, setCsrfToken } from "#web/lib/api-client.ts";
import { clearQueryData } from "#web/lib/data-layer.ts";

// Who is signed in. Every page's first download holds this module (the route tree asks it
// before anything renders), so it stays small: no TanStack Query, and zod only once a
// session's body is there to check, which a signed-out visit to /login never has.

const sessionSchema = () => import("#shared/schemas/auth.ts").then((module) => module.sessionResponseSchema);

/**
 * Starts fetching what checks a session's body, for pages that expect one (the signed-in area),
 * so it arrives with the session instead of one round trip after it.
 */
export function preloadSessionSchema(): void {
  sessionSchema().catch(() => {}); // a failure shows when the session is checked
}

let current: Promise<SessionResponse | null> | undefined;

/** The signed-in person, or null when signed out (the server answers 401). */
async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await apiRequest("/api/v1/auth/session", sessionSchema, { skipUnauthorizedRedirect: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.statusCode === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
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
export async function logIn(input: LoginInput): Promise<SessionResponse> {
  const session = await apiRequest("/api/v1/auth/login", sessionSchema, {
    method: "POST",
    body: input,
    skipUnauthorizedRedirect: true,
  });
  storeNewSession(session);
  return session;
}
