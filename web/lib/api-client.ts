import type { ErrorBody, Issue } from "#shared/errors.ts";

/**
 * What a response is checked with: a shared zod schema, or anything with the same `safeParse`.
 * Typed structurally, so this module (part of every page's first download) needs no zod at run time.
 */
export interface ResponseSchema<Output> {
  safeParse(value: unknown): { success: true; data: Output } | { success: false; error: { issues: unknown } };
}
/** A schema whose module is imported when the first response needs it (the sign-in pages do without zod). */
export type LazyResponseSchema<Output> = () => Promise<ResponseSchema<Output>>;

/**
 * Every failed API call surfaces as this one error, built from the shared error body,
 * so the UI can always show the server's message and the request id to quote in a bug report.
 */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly error: string;
  readonly requestId: string;
  readonly reasonCode: string | undefined;
  readonly issues: Issue[];

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = "ApiError";
    this.statusCode = body.statusCode;
    this.error = body.error;
    this.requestId = body.requestId;
    this.reasonCode = body.reasonCode;
    this.issues = body.issues ?? [];
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Status 0 marks failures that never got an HTTP answer (offline, DNS, refused connection). */
export const NETWORK_ERROR_STATUS = 0;

// The CSRF token lives only in memory: never in storage, where an injected script could read it later.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;

/** Called on a 401 from any dashboard request; the router uses it to send the person to /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

type QueryParams = Record<string, string | number | boolean | null | undefined>;
type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestOptions {
  method?: HttpMethod;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Auth endpoints answer 401 as part of their normal flow (a wrong password, a signed-out session check),
   * so they must not bounce the person to /login.
   */
  skipUnauthorizedRedirect?: boolean;
}

/**
 * Calls the API and returns the body parsed by the shared response schema.
 * Parsing keeps the types honest: if the server drifts from the contract we fail loudly here,
 * not later as `undefined` deep inside a component.
 */
export async function apiRequest<Output>(
  path: string,
  responseSchema: ResponseSchema<Output> | LazyResponseSchema<Output>,
  options: RequestOptions = {},
): Promise<Output> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError({
      statusCode: NETWORK_ERROR_STATUS,
      error: "Network Error",
      message: "Could not reach the Leasehold server. Check your connection and try again.",
      requestId: "",
    });
  }

  const payload = await readJson(response);
  if (!response.ok) {
    const error = new ApiError(toErrorBody(response, payload));
    if (response.status === 401 && !options.skipUnauthorizedRedirect) unauthorizedHandler?.();
    throw error;
  }

  const schema = typeof responseSchema === "function" ? await responseSchema() : responseSchema;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError({
      statusCode: response.status,
      error: "Unexpected Response",
      message: "The server answered in a shape this page does not understand. Reload the page and try again.",
      requestId: response.headers.get("x-request-id") ?? "",
    });
  }
  return parsed.data;
}

function buildUrl(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isIssue = (value: unknown): value is Issue =>
  isRecord(value) &&
  Array.isArray(value.path) &&
  value.path.every((part) => typeof part === "string" || typeof part === "number") &&
  typeof value.message === "string" &&
  (value.code === undefined || typeof value.code === "string");

/**
 * The shared error body (errorBodySchema in shared/errors.ts), checked by hand: every failed
 * request reads it, sign-in pages included, and zod stays out of their download.
 * api-client.test.ts holds it to errorBodySchema.
 */
export function parseErrorBody(payload: unknown): ErrorBody | undefined {
  if (
    !isRecord(payload) ||
    !Number.isSafeInteger(payload.statusCode) ||
    typeof payload.error !== "string" ||
    typeof payload.message !== "string" ||
    typeof payload.requestId !== "string" ||
    (payload.reasonCode !== undefined && typeof payload.reasonCode !== "string") ||
    (payload.issues !== undefined && !(Array.isArray(payload.issues) && payload.issues.every(isIssue))) ||
    (payload.details !== undefined && !isRecord(payload.details))
  ) {
    return undefined;
  }
  const { statusCode, error, message, requestId, reasonCode, issues, details } = payload;
  return {
    statusCode: statusCode as number,
    error,
    message,
    requestId,
    ...("reasonCode" in payload ? { reasonCode } : {}),
    ...(!("issues" in payload)
      ? {}
      : {
          // As zod's object does: a key that is there keeps its place, even when it holds undefined.
          issues: (issues as Issue[] | undefined)?.map((issue) => ({
            path: issue.path,
            message: issue.message,
            ...("code" in issue ? { code: issue.code } : {}),
          })),
        }),
    // A copy, as zod's record makes: a body built without a prototype comes back as a plain object.
    ...(!("details" in payload)
      ? {}
      : { details: details === undefined ? undefined : { ...(details as Record<string, unknown>) } }),
  };
}

/** A proxy or crash can answer with HTML; still produce a useful error body. */
function toErrorBody(response: Response, payload: unknown): ErrorBody {
  const parsed = parseErrorBody(payload);
  if (parsed) return parsed;
  return {
    statusCode: response.status,
    error: response.statusText || "Error",
    message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
    requestId: response.headers.get("x-request-id") ?? "",
  };
}

/**
 * Builds an API path, encoding every interpolated value: an id taken from the address bar
 * must never be able to turn `/projects/:id` into another route (e.g. "../organizations").
 */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((path, part, index) => {
    const value = values[index - 1];
    return path + encodeURIComponent(String(value)) + part;
  });
}
