import { describe, expect, it } from "vitest";
import { parseCidrList } from "../net/ip.ts";
import { resolveClientIp } from "./client-ip.ts";

describe("resolveClientIp", () => {
  const proxies = parseCidrList(["10.0.0.0/8", "::1"]);

  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", [])).toBe("203.0.113.9");
  });
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
  });
  it("takes the first untrusted hop from the right behind trusted proxies", () => {
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.5", proxies)).toBe("198.51.100.7");
  });
  it("unwraps IPv4-mapped IPv6 peers", () => {
    expect(resolveClientIp("::ffff:203.0.113.9", undefined, proxies)).toBe("203.0.113.9");
  });
  it("falls back to the peer when the header is garbage", () => {
    expect(resolveClientIp("10.0.0.2", "not-an-ip", proxies)).toBe("10.0.0.2");
  });
});
