import type { LoginInput, SessionResponse } from "#shared/schemas/auth.ts";
import { ApiError, apiRequest, isApiError, type ResponseSchema, setCsrfToken } from "#web/lib/api-client.ts";
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

/**
 * What GET /auth/session answers: `{ session: null }` signed out, with no zod needed to read it; a real session is
 * then checked with the shared schema, loaded only now (currentSessionResponseSchema is its `{ session }` wrapper).
 */
const currentSessionAnswer: ResponseSchema<{ session: unknown }> = {
  safeParse: (value) =>
    typeof value === "object" && value !== null && "session" in value
      ? { success: true, data: value as { session: unknown } }
      : { success: false, error: { issues: [{ message: "Expected { session }" }] } },
};

/** The signed-in person, or null when signed out (the server answers `session: null`, not an error). */
async function fetchSession(): Promise<SessionResponse | null> {
  let session: unknown;
  try {
    ({ session } = await apiRequest("/api/v1/auth/session", currentSessionAnswer, { skipUnauthorizedRedirect: true }));
  } catch (error) {
    // The server says `session: null`; a 401 (a proxy in front of an older server) means the same.
    if (!(isApiError(error) && error.statusCode === 401)) throw error;
    session = null;
  }
  if (session === null) {
    setCsrfToken(null);
    return null;
  }
  const checked = (await sessionSchema()).safeParse(session);
  if (!checked.success) {
    console.error("Unexpected response from GET /api/v1/auth/session", checked.error.issues);
    throw new ApiError({
      statusCode: 200,
      error: "Unexpected Response",
      message: "The server answered in a shape this page does not understand. Reload the page and try again.",
      requestId: "",
    });
  }
  setCsrfToken(checked.data.csrfToken);
  return checked.data;
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
