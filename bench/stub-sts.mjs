// A stand-in for AWS STS on loopback: answers every request with a valid
// GetCallerIdentity after a fixed delay (default 20 ms), so the login benchmark
// measures Leasehold's own overhead. Prints "listening <port>" once ready.
import { createServer } from "node:http";

const delayMs = Number(process.env.STUB_STS_DELAY_MS ?? 20);
const identity =
  "<Arn>arn:aws:iam::123456789012:user/bench/loader</Arn><UserId>AIDABENCHLOADER</UserId>" +
  "<Account>123456789012</Account>";
const body = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>${identity}</GetCallerIdentityResult>
  <ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => setTimeout(() => res.writeHead(200, { "content-type": "text/xml" }).end(body), delayMs));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
