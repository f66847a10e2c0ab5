// A small recording proxy between the AWS SDK and moto, for tests and benchmarks.
//
//   const proxy = await startAwsProxy({ target: motoUrl });
//   // point the code under test at proxy.url (AWS_ENDPOINT_URL)
//   proxy.inject({ action: "AssumeRole", fault: { kind: "aws-error", code: "AccessDenied", status: 403 } });
//   proxy.inject({ action: "CreateUser", occurrence: 2, fault: { kind: "drop" } });
//   proxy.setDelay(50);                      // a fixed round-trip for every request
//   proxy.requests.filter((r) => r.action === "AssumeRole").map((r) => r.params.ExternalId);
//   proxy.on("CreateUser", (req) => ...);     // a hook, e.g. to SIGKILL a server mid-way
//   await proxy.stop();
//
// moto has no latency, throttling or failures of its own (TESTING.md), so fault and
// timing tests put this proxy in front of it. It forwards every request unchanged,
// Host header included: moto checks SigV4 signatures against the Host it receives,
// and the SDK signed for the proxy's host.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { awsErrorBody, type Fault, type RecordedRequest, recordOf } from "./aws-request.ts";

export type { ComputedAnswer, Fault, RecordedRequest } from "./aws-request.ts";

interface InjectRule {
  /** Match on the AWS action (e.g. "AssumeRole"); omitted: any action. */
  action?: string;
  /** Match on the signing service (e.g. "iam"). */
  service?: string;
  /** Any further condition, e.g. on params.UserName or the signing key. */
  when?: (request: RecordedRequest) => boolean;
  /** Fault the Nth matching request (1-based, counted from when the rule was added). Default 1. */
  occurrence?: number;
  /** How many matching requests from that occurrence on get the fault. Default 1; Infinity for all. */
  times?: number;
  fault: Fault;
}

interface InjectedRule {
  /** How many requests this rule has faulted so far. */
  readonly hits: number;
  remove(): void;
}

type RequestHook = (request: RecordedRequest) => void | Promise<void>;

export interface AwsProxy {
  url: string;
  port: number;
  /** Every request since start (or the last reset), in order of arrival. */
  readonly requests: RecordedRequest[];
  inject(rule: InjectRule): InjectedRule;
  /** Adds a fixed delay before forwarding every request (0 removes it). */
  setDelay(ms: number): void;
  /**
   * Calls `hook` for each request of `action` ("*" for all): by default when it arrives,
   * before it is forwarded (the hook is awaited); with `{ after: "response" }` once the
   * answer has been sent back (e.g. to kill a server right after CreateUser succeeded).
   * Returns an unsubscribe function.
   */
  on(action: string, hook: RequestHook, options?: { after?: "arrival" | "response" }): () => void;
  /** Requests with this action (and service, when given). */
  calls(action: string, service?: string): RecordedRequest[];
  /** Forgets recorded requests, rules and hooks; keeps the delay unless `delay` is true. */
  reset(options?: { delay?: boolean }): void;
  stop(): Promise<void>;
}

export interface AwsProxyOptions {
  /** Where requests go, e.g. moto's URL. */
  target: string;
  /** A fixed delay added to every request, in ms. */
  delayMs?: number;
  /** A fixed port; a free loopback port when omitted. */
  port?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startAwsProxy(options: AwsProxyOptions): Promise<AwsProxy> {
  const target = new URL(options.target);
  let delayMs = options.delayMs ?? 0;
  let seq = 0;
  const requests: RecordedRequest[] = [];
  type LiveRule = InjectRule & { seen: number; hits: number; removed: boolean };
  let rules: LiveRule[] = [];
  let hooks: { action: string; hook: RequestHook; after: "arrival" | "response" }[] = [];
  const runHooks = async (record: RecordedRequest, after: "arrival" | "response") => {
    for (const entry of hooks) {
      if (entry.after === after && (entry.action === "*" || entry.action === record.action)) await entry.hook(record);
    }
  };
  const sockets = new Set<Socket>();

  /** The first rule whose occurrence window covers this request; counts every match. */
  function faultFor(request: RecordedRequest): Fault | null {
    let chosen: Fault | null = null;
    for (const rule of rules) {
      if (rule.removed) continue;
      if (rule.action !== undefined && rule.action !== request.action) continue;
      if (rule.service !== undefined && rule.service !== request.service) continue;
      if (rule.when && !rule.when(request)) continue;
      rule.seen++;
      const first = rule.occurrence ?? 1;
      const last = first + (rule.times ?? 1) - 1;
      if (!chosen && rule.seen >= first && rule.seen <= last) {
        rule.hits++;
        chosen = rule.fault;
      }
    }
    return chosen;
  }

  function forward(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, body: Buffer) {
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers, // unchanged, Host included: the signature covers it
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const payload = Buffer.concat(chunks);
          record.outcome = { kind: "forwarded", status: answer.statusCode ?? 502, body: payload.toString("utf8") };
          const headers = { ...answer.headers };
          delete headers["transfer-encoding"];
          headers["content-length"] = String(payload.length);
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(payload, () => void runHooks(record, "response"));
        });
      },
    );
    upstream.on("error", (error) => {
      record.outcome = { kind: "forwarded", status: 502, body: error.message };
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`aws-proxy: ${error.message}`);
    });
    upstream.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const record = recordOf(++seq, req, body.toString("utf8"));
    requests.push(record);

    await runHooks(record, "arrival");
    if (delayMs > 0) await sleep(delayMs);

    const fault = faultFor(record);
    if (!fault) return forward(req, res, record, body);
    record.outcome = { kind: "injected", fault };
    switch (fault.kind) {
      case "drop":
        req.socket.destroy();
        return;
      case "delay":
        await sleep(fault.ms);
        return forward(req, res, record, body);
      case "http-error":
        res.writeHead(fault.status, { "content-type": "text/plain" });
        res.end(fault.body ?? `Injected HTTP ${fault.status} by the test proxy`);
        return;
      case "answer": {
        const answer = await fault.respond(record);
        res.writeHead(answer.status, {
          "content-type": answer.contentType ?? "text/xml",
          "x-amzn-requestid": `proxy-${record.seq}`,
        });
        res.end(answer.body);
        return;
      }
      case "aws-error": {
        const answer = awsErrorBody(record, fault);
        res.writeHead(fault.status ?? 400, { "content-type": answer.contentType, ...answer.headers });
        res.end(answer.body);
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`aws-proxy failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    inject(rule) {
      const live: LiveRule = { ...rule, seen: 0, hits: 0, removed: false };
      rules.push(live);
      return {
        get hits() {
          return live.hits;
        },
        remove() {
          live.removed = true;
        },
      };
    },
    setDelay(ms) {
      delayMs = ms;
    },
    on(action, hook, hookOptions = {}) {
      const entry = { action, hook, after: hookOptions.after ?? "arrival" };
      hooks.push(entry);
      return () => {
        hooks = hooks.filter((h) => h !== entry);
      };
    },
    calls: (action, service) =>
      requests.filter((r) => r.action === action && (service === undefined || r.service === service)),
    reset(resetOptions = {}) {
      requests.length = 0;
      rules = [];
      hooks = [];
      if (resetOptions.delay) delayMs = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
