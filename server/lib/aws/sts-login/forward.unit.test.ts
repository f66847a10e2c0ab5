import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forwardToSts, StsUnreachableError } from "./forward.ts";
import type { SignedStsRequest } from "./signed-request.ts";

const request: SignedStsRequest = {
  body: "Action=GetCallerIdentity&Version=2011-06-15",
  headers: new Map([["host", "sts.amazonaws.com"]]),
  host: "sts.amazonaws.com",
  credential: { accessKeyId: "AKIAEXAMPLE", date: "20260101", region: "us-east-1", service: "sts" },
  signedHeaders: ["host", "x-amz-date"],
  signature: "0".repeat(64),
  signedAt: new Date("2026-01-01T00:00:00Z"),
  url: undefined,
};
const OPTIONS = { timeoutMs: 5_000, maxAnswerBytes: 1024 };

/**
 * An STS stand-in that answers the first request on each connection and then, like a server
 * closing a connection that sat idle, drops that connection when the next request on it arrives.
 */
async function startDroppingServer(dropFirst = false) {
  const perSocket = new Map<Socket, number>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const seen = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, seen);
    if (seen > 1 || dropFirst) {
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/xml" }).end("<ok/>"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    requests: () => requests,
  };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe("forwardToSts over a kept-alive connection", () => {
  it("sends once more on a new connection when STS had closed the reused one", async () => {
    const sts = await startDroppingServer();
    server = sts.server;
    expect((await forwardToSts(sts.url, request, OPTIONS)).body).toBe("<ok/>");
    // The second login reuses the first one's connection, which the server now drops.
    expect((await forwardToSts(sts.url, request, OPTIONS)).body).toBe("<ok/>");
    expect(sts.requests()).toBe(3);
  });

  it("does not retry a failure on a new connection", async () => {
    const sts = await startDroppingServer(true);
    server = sts.server;
    await expect(forwardToSts(sts.url, request, OPTIONS)).rejects.toBeInstanceOf(StsUnreachableError);
    expect(sts.requests()).toBe(1);
  });
});
