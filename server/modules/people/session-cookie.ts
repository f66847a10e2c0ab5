import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../context.ts";

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site writes), and Secure with the __Host- prefix in production, which also
 * pins it to this exact host and path.
 */
export function createSessionCookie(options: { secure: boolean; absoluteSeconds: number }) {
  const name = options.secure ? "__Host-leasehold_session" : "leasehold_session";
  const attributes = { httpOnly: true, sameSite: "Lax", secure: options.secure, path: "/" } as const;
  return {
    name,
    read: (c: Context<AppEnv>) => getCookie(c, name),
    write: (c: Context<AppEnv>, token: string) =>
      setCookie(c, name, token, { ...attributes, maxAge: options.absoluteSeconds }),
    clear: (c: Context<AppEnv>) => deleteCookie(c, name, attributes),
  };
}
export type SessionCookie = ReturnType<typeof createSessionCookie>;
