// What the recording proxy (aws-proxy.ts) knows about one request to AWS, and how it
// builds an injected AWS error answer.
import type { IncomingMessage } from "node:http";

export interface RecordedRequest {
  /** 1-based order of arrival. */
  seq: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The AWS API action: `Action=` of the query protocol, or the operation of X-Amz-Target. */
  action: string | null;
  /** The signing service from the SigV4 credential scope, e.g. "sts" or "iam". */
  service: string | null;
  /** The signing region from the SigV4 credential scope, e.g. "us-east-1". */
  region: string | null;
  /** The access key ID that signed the request, from the Authorization header. */
  accessKeyId: string | null;
  /** Form or JSON parameters of the call (ExternalId, RoleSessionName, UserName …). */
  params: Record<string, string>;
  /** What the proxy did: forwarded (with moto's status), or the injected fault. */
  outcome:
    | { kind: "forwarded"; status: number; body: string }
    | { kind: "injected"; fault: Fault }
    | { kind: "pending" };
  receivedAt: number;
}

export type Fault =
  /** An AWS error body (XML for the query protocol, JSON for JSON protocols). */
  | { kind: "aws-error"; code: string; status?: number; message?: string }
  /** A bare HTTP error such as a 503 from a load balancer. */
  | { kind: "http-error"; status: number; body?: string }
  /** The connection is destroyed without any answer. */
  | { kind: "drop" }
  /** Forward, but only after this extra delay (e.g. to trip a client timeout). */
  | { kind: "delay"; ms: number }
  /** An answer computed from the request, for an action moto does not implement (e.g. the policy simulator). */
  | { kind: "answer"; respond: (request: RecordedRequest) => Promise<ComputedAnswer> | ComputedAnswer };

export interface ComputedAnswer {
  status: number;
  body: string;
  /** text/xml when absent (the query protocol of IAM and STS). */
  contentType?: string;
}

/** Parameters of a query-protocol body, a query string, or a flat JSON body. */
function parseParams(body: string, search: string, contentType: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) params[key] = value;
  if (contentType.includes("x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  } else if (contentType.includes("json") && body) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object") {
        for (const [key, value] of Object.entries(parsed))
          params[key] = typeof value === "string" ? value : JSON.stringify(value);
      }
    } catch {
      // not JSON after all: leave the params empty
    }
  }
  return params;
}

export function recordOf(seq: number, req: IncomingMessage, body: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  const url = new URL(req.url ?? "/", "http://proxy.invalid");
  const params = parseParams(body, url.search, headers["content-type"] ?? "");
  const target = headers["x-amz-target"];
  const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(headers.authorization ?? "");
  return {
    seq,
    method: req.method ?? "GET",
    path: url.pathname,
    headers,
    body,
    action: params.Action ?? (target ? target.slice(target.lastIndexOf(".") + 1) : null),
    service: scope?.[3] ?? null,
    region: scope?.[2] ?? null,
    accessKeyId: scope?.[1] ?? params["X-Amz-Credential"]?.split("/")[0] ?? null,
    params,
    outcome: { kind: "pending" },
    receivedAt: Date.now(),
  };
}

export function awsErrorBody(request: RecordedRequest, fault: Extract<Fault, { kind: "aws-error" }>) {
  const message = fault.message ?? `Injected ${fault.code} by the test proxy`;
  const requestId = `proxy-${request.seq}`;
  if ((request.headers["content-type"] ?? "").includes("json")) {
    return {
      contentType: "application/x-amz-json-1.1",
      headers: { "x-amzn-errortype": fault.code, "x-amzn-requestid": requestId },
      body: JSON.stringify({ __type: fault.code, message }),
    };
  }
  const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const type = (fault.status ?? 400) >= 500 ? "Receiver" : "Sender";
  return {
    contentType: "text/xml",
    headers: { "x-amzn-requestid": requestId },
    body:
      `<ErrorResponse xmlns="https://${request.service ?? "sts"}.amazonaws.com/doc/">` +
      `<Error><Type>${type}</Type><Code>${escapeXml(fault.code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
