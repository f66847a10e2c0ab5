import { errorFromResponse, LeaseholdError, NETWORK_ERROR_STATUS } from "./errors.ts";
import type { AnswerCheck, ResponseSchema } from "./schema.ts";

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
  /**
   * Whether an answer whose schema is imported on first use (a lazy `() => import(…)`) is checked, which downloads the
   * schema (and zod) in a browser. True by default: the SDK and the CLI talk to servers of other versions. The
   * dashboard's production build passes false: it ships with its server, whose answers the tests hold to the same
   * schemas (decision 1311). A check at hand (a hand-written one, a zod schema already imported) always runs.
   */
  checkLazyAnswers?: boolean;
}

/**
 * An answer as it came: any status, the body parsed as JSON when it is JSON (else the text). Never throws for a
 * status.
 */
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
  /** Calls the API and checks a 2xx answer with `check`; anything else throws a LeaseholdError. */
  request<Output>(path: string, check: AnswerCheck<Output>, options?: RequestOptions): Promise<Output>;
  /** The HTTP answer as it came, with this transport's credentials; throws a LeaseholdError only when none came. */
  answer(path: string, options?: SendOptions): Promise<Response>;
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
      const server = baseUrl ? `the Leasehold server at ${baseUrl}` : "the Leasehold server";
      throw new LeaseholdError(
        {
          statusCode: NETWORK_ERROR_STATUS,
          error: "Network Error",
          message: timeout?.aborted
            ? `${capitalise(server)} did not answer within ${options.timeoutMs} ms.`
            : `Could not reach ${server} (${networkCause(cause)}). Check the connection and try again.`,
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
    async request<Output>(path: string, check: AnswerCheck<Output>, request: RequestOptions = {}) {
      const response = await fetchAnswer(path, request);
      const payload = await readJson(response);
      if (!response.ok) {
        const error = errorFromResponse(response, payload);
        if (response.status === 401 && !request.skipUnauthorizedHandler) options.onUnauthorized?.(error);
        throw error;
      }
      const schema: ResponseSchema<Output> | undefined =
        typeof check !== "function" ? check : options.checkLazyAnswers === false ? undefined : await check();
      // Trusted unchecked: an answer of this build's own server (see checkLazyAnswers).
      if (!schema) return payload as Output;
      // Parsing keeps the types honest: a server that drifts from the contract fails here, loudly.
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new LeaseholdError({
          statusCode: response.status,
          error: "Unexpected Response",
          message:
            `The answer to ${request.method ?? "GET"} ${path} is not in a shape this client ` +
            "knows (an older or newer server?).",
          requestId: response.headers.get("x-request-id") ?? "",
          reasonCode: "unexpected_response",
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
            message: issue.message,
            code: issue.code,
          })),
        });
      }
      return parsed.data;
    },
    answer: (path, request = {}) => fetchAnswer(path, request),
  };
  return transport;
}

/**
 * The same call, with the same credentials, answered as it came: for callers that look at the status and body
 * themselves (tests of refusals, scripts that branch on a 404). Apart from the transport, so a page that never sends
 * raw (the dashboard) does not download it.
 */
export async function sendRaw(transport: Transport, path: string, options: SendOptions = {}): Promise<RawResponse> {
  const response = await transport.answer(path, options);
  const text = response.status === 204 ? "" : await response.text();
  return { status: response.status, body: parseJson(text), text, headers: response.headers };
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

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
