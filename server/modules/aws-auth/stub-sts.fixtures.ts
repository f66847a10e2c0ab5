// Test support: an HTTP server on loopback that plays AWS STS, answering as each
// test tells it to and counting what reached it (to prove hostile logins never did).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface StubRequest {
  headers: IncomingMessage["headers"];
  body: string;
  url: string;
}

export type StubHandler = (request: StubRequest, res: ServerResponse) => void;

export const callerIdentityXml = (
  arn: string,
  account = arn.split(":")[4] ?? "123456789012",
  userId = "AIDASTUBUSERID",
) => {
  const identity = `<Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${account}</Account>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>${identity}</GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;
};

export const answerXml =
  (xml: string, status = 200, contentType = "text/xml"): StubHandler =>
  (_request, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(xml);
  };

export async function startStubSts(
  handler: StubHandler = answerXml(callerIdentityXml("arn:aws:iam::123456789012:user/stub")),
) {
  const requests: StubRequest[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), url: req.url ?? "" };
      requests.push(request);
      current(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    answer(next: StubHandler) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type StubSts = Awaited<ReturnType<typeof startStubSts>>;
