import type { z } from "zod";
import { errorFromResponse, LeaseholdError, NETWORK_ERROR_STATUS } from "./errors.ts";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  query?: QueryParams | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /**
   * Auth endpoints answer 401 as part of their normal flow (a wrong password, a signed-out
   * session check), so they must not trigger `onUnauthorized`.
   */
  skipUnauthorizedHandler?: boolean;
}

/** How the client proves who it is. A machine holds a bearer token; the dashboard a session cookie. */
export interface TransportOptions {
  /** The server's origin, e.g. https://leasehold.example.com; "" (the default) means same-origin (the dashboard). */
  baseUrl?: string;
  /** A machine identity's access token, sent as `Authorization: Bearer`. */
  accessToken?: string | undefined;
  /**
   * Cookie sessions (the dashboard): the browser sends the cookie; the client adds the CSRF
   * token to every write. `csrfToken` is read on each request because it changes at sign-in.
   */
  session?: { csrfToken: () => string | null | undefined; credentials?: RequestInit["credentials"] };
  /** Any fetch: the global one by default; tests pass the app's own `request`. */
  fetch?: typeof fetch;
  /** Sent with every request (e.g. a User-Agent from the CLI). */
  headers?: Record<string, string>;
  /** Called with the error of any 401 not marked `skipUnauthorizedHandler` (the dashboard goes to /login). */
  onUnauthorized?: (error: LeaseholdError) => void;
  /** Abort a call that has not answered after this long; none by default. */
  timeoutMs?: number;
}

/** An answer as it came: any status, the body parsed as JSON when it is JSON (else the text). Never throws for a status. */
// biome-ignore lint/suspicious/noExplicitAny: a raw answer is whatever the server sent; `request` is the typed path.
export interface RawResponse<Body = any> {
  status: number;
  body: Body;
  text: string;
  headers: Headers;
}

export interface SendOptions extends Omit<RequestOptions, "skipUnauthorizedHandler"> {
  /** Sent as it is instead of JSON-encoding `body` (a malformed body, on purpose). */
  rawBody?: string;
}

export interface Transport {
  readonly baseUrl: string;
  accessToken: string | undefined;
  /** Calls the API and parses a 2xx answer with `responseSchema`; anything else throws a LeaseholdError. */
  request<Schema extends z.ZodType>(
    path: string,
    responseSchema: Schema,
    options?: RequestOptions,
  ): Promise<z.output<Schema>>;
  /**
   * The same call, with the same credentials, answered as it came: for callers that look at the status and body
   * themselves (tests of refusals, scripts that branch on a 404). Throws only when no answer came.
   */
  send(path: string, options?: SendOptions): Promise<RawResponse>;
}

export function createTransport(options: TransportOptions = {}): Transport {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function fetchAnswer(path: string, request: SendOptions): Promise<Response> {
    const method = request.method ?? "GET";
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (request.body !== undefined || request.rawBody !== undefined) headers["content-type"] = "application/json";
    if (transport.accessToken) headers.authorization = `Bearer ${transport.accessToken}`;
    const csrfToken = options.session?.csrfToken();
    if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
    Object.assign(headers, request.headers);

    const timeout = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
    const signal = timeout && request.signal ? AbortSignal.any([timeout, request.signal]) : (timeout ?? request.signal);
    const url = `${baseUrl}${withQuery(path, request.query)}`;
    try {
      return await doFetch(url, {
        method,
        headers,
        body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
        ...(options.session ? { credentials: options.session.credentials ?? "same-origin" } : {}),
        // The API never redirects; a redirect would carry the bearer token somewhere else.
        redirect: "error",
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (request.signal?.aborted) throw cause;
      throw new LeaseholdError(
        {
          statusCode: NETWORK_ERROR_STATUS,
          error: "Network Error",
          message: timeout?.aborted
            ? `The Leasehold server at ${baseUrl || "this origin"} did not answer within ${options.timeoutMs} ms.`
            : `Could not reach the Leasehold server at ${baseUrl || "this origin"}: ${networkCause(cause)}`,
          requestId: "",
          reasonCode: "network_error",
        },
        { cause },
      );
    }
  }

  const transport: Transport = {
    baseUrl,
    accessToken: options.accessToken,
    async request(path, responseSchema, request = {}) {
      const response = await fetchAnswer(path, request);
      const payload = await readJson(response);
      if (!response.ok) {
        const error = errorFromResponse(response, payload);
        if (response.status === 401 && !request.skipUnauthorizedHandler) options.onUnauthorized?.(error);
        throw error;
      }
      // Parsing keeps the types honest: a server that drifts from the contract fails here, loudly.
      const parsed = responseSchema.safeParse(payload);
      if (!parsed.success) {
        throw new LeaseholdError({
          statusCode: response.status,
          error: "Unexpected Response",
          message: `The answer to ${request.method ?? "GET"} ${path} is not in a shape this client knows (an older or newer server?)`,
          requestId: response.headers.get("x-request-id") ?? "",
          reasonCode: "unexpected_response",
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.filter((p) => typeof p !== "symbol"),
            message: issue.message,
            code: issue.code,
          })),
        });
      }
      return parsed.data;
    },
    async send(path, request = {}) {
      const response = await fetchAnswer(path, request);
      const text = response.status === 204 ? "" : await response.text();
      return { status: response.status, body: parseJson(text), text, headers: response.headers };
    },
  };
  return transport;
}

function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}${path.includes("?") ? "&" : "?"}${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON when the text is JSON, else the text itself (an HTML error page, a metrics scrape); undefined when empty. */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkCause(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  if (inner instanceof Error) return (inner as { code?: string }).code ?? inner.message;
  return String(inner);
}

/**
 * Builds an API path, encoding every interpolated value: an id taken from user input must
 * never be able to turn `/identities/:id` into another route (e.g. "../organizations").
 */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((path, part, index) => path + encodeURIComponent(String(values[index - 1])) + part);
}
