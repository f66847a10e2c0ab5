// biome-ignore-all lint/suspicious/noExplicitAny: tests read response bodies as loose JSON; the typed client replaces this.
import type { Hono } from "hono";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/**
 * Calls the app through app.request() like a browser would: it keeps the session
 * cookie, sends the CSRF token and a same-origin Origin on writes. Every response
 * text is kept in `responses` so tests can search them for leaked secrets.
 */
export function createApiClient(app: Pick<Hono<any>, "request">, options: { origin?: string; peer?: string } = {}) {
  const origin = options.origin ?? "http://localhost";
  let cookie: string | undefined;
  let csrfToken: string | undefined;
  let bearer: string | undefined;
  const responses: string[] = [];

  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { host: new URL(origin).host, ...headers };
    if (body !== undefined && typeof body !== "string") h["content-type"] = "application/json";
    if (cookie) h.cookie = cookie;
    if (bearer) h.authorization = `Bearer ${bearer}`;
    if (method !== "GET" && cookie && csrfToken && !("x-csrf-token" in headers)) h["x-csrf-token"] = csrfToken;
    if (method !== "GET" && !("origin" in headers)) h.origin = origin;
    // @hono/node-server's getConnInfo reads the peer address from the incoming socket.
    const env = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined;
    const res = await app.request(
      `${origin}${path}`,
      {
        method,
        headers: h,
        ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
      },
      env,
    );
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      cookie = pair && /=.+/.test(pair) ? pair : undefined;
    }
    const text = await res.text();
    responses.push(text);
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    if (parsed && typeof parsed === "object" && typeof parsed.csrfToken === "string") csrfToken = parsed.csrfToken;
    return { status: res.status, body: parsed, headers: res.headers, text };
  }

  return {
    request,
    get: <T = any>(path: string, headers?: Record<string, string>) => request<T>("GET", path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      request<T>("POST", path, body ?? {}, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      request<T>("PATCH", path, body ?? {}, headers),
    delete: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      request<T>("DELETE", path, body, headers),
    useBearer(token: string | undefined) {
      bearer = token;
    },
    responses,
    get cookie() {
      return cookie;
    },
    get csrfToken() {
      return csrfToken;
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
