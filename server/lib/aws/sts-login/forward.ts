import http from "node:http";
import https from "node:https";
import type { SignedStsRequest } from "./signed-request.ts";

export interface StsAnswer {
  status: number;
  contentType: string | null;
  body: string;
}

/** STS could not be reached, or did not answer in time. */
export class StsUnreachableError extends Error {}
/** STS answered with more than we are willing to read. */
export class StsAnswerTooLargeError extends Error {}

export interface ForwardOptions {
  /** A hard deadline for the whole exchange, connection to last byte. */
  timeoutMs: number;
  maxAnswerBytes: number;
}

export const DEFAULT_FORWARD_OPTIONS: ForwardOptions = { timeoutMs: 10_000, maxAnswerBytes: 64 * 1024 };

// Keep-alive: a login costs one STS round trip, not a TLS handshake as well.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 256 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * Sends the signed request to the chosen STS URL with exactly the allowlisted headers,
 * our own Accept, and the real Content-Length. node:http never follows redirects, so a
 * 3xx comes back as an answer (and is refused by the caller). The Host header is the one
 * the client signed; the connection goes to `target` whatever it says.
 */
export async function forwardToSts(
  target: URL,
  request: SignedStsRequest,
  options: ForwardOptions = DEFAULT_FORWARD_OPTIONS,
): Promise<StsAnswer> {
  const deadline = Date.now() + options.timeoutMs;
  try {
    return await exchange(target, request, options, options.timeoutMs);
  } catch (error) {
    // A kept-alive connection that STS closed while it sat idle fails as it is reused, before
    // any answer. GetCallerIdentity changes nothing, so it is sent once more on a new connection
    // (Node's advice for keep-alive clients), within what is left of the deadline. A new one: the pool may hold
    // other connections that were closed the same way.
    if (!(error instanceof StaleConnectionError)) throw error;
    return exchange(target, request, options, Math.max(0, deadline - Date.now()), { fresh: true });
  }
}

/** A reused keep-alive connection failed before the request got any answer. */
class StaleConnectionError extends StsUnreachableError {}

function exchange(
  target: URL,
  request: SignedStsRequest,
  options: ForwardOptions,
  timeoutMs: number,
  { fresh = false } = {},
): Promise<StsAnswer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = value;
  headers["content-length"] = String(Buffer.byteLength(request.body));
  headers.accept = "application/xml";

  const transport = target.protocol === "https:" ? https : http;
  return new Promise<StsAnswer>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (error: Error | null, answer?: StsAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve(answer!);
    };
    const req = transport.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port || undefined,
        path: "/",
        method: "POST",
        headers,
        // `false`: a connection of its own, outside the pool.
        agent: fresh ? false : agents[target.protocol as "http:" | "https:"],
        // SNI names the host we connect to, so TLS verifies the real endpoint's certificate.
        servername: target.hostname,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxAnswerBytes) {
            res.destroy();
            finish(new StsAnswerTooLargeError(`STS answered with more than ${options.maxAnswerBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          finish(null, {
            status: res.statusCode ?? 0,
            contentType: res.headers["content-type"] ?? null,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", (error) => finish(new StsUnreachableError(error.message)));
      },
    );
    const deadline = setTimeout(() => {
      finish(new StsUnreachableError(`no answer within ${options.timeoutMs / 1000} s`));
      req.destroy();
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (error.code === "ECONNRESET" || error.code === "EPIPE");
      finish(stale ? new StaleConnectionError(error.message) : new StsUnreachableError(error.message));
    });
    req.end(request.body);
  });
}
