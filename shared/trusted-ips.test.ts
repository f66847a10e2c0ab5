import { describe, expect, it } from "vitest";
import { allowsEveryAddress, trustedIpProblem } from "./trusted-ips.ts";

describe("trustedIpProblem", () => {
  it.each([
    "10.0.0.1",
    "0.0.0.0/0",
    "10.0.0.0/8",
    "192.168.1.1/32",
    "::/0",
    "::1",
    "2001:db8::/32",
    "2001:db8::1/128",
    "::ffff:10.0.0.1",
    " 10.0.0.1 ",
  ])("accepts %s", (value) => expect(trustedIpProblem(value)).toBeNull());
  it.each([
    "",
    "10.1",
    "0x7f.0.0.1",
    "010.0.0.1",
    "256.0.0.1",
    "10.0.0.0/33",
    "10.0.0.0/-1",
    "10.0.0.0/8/8",
    "::/129",
    "fe80::g",
    "fe80::1%eth0",
    "example.com",
    "10.0.0.0/ 8",
  ])("refuses %j", (value) => expect(trustedIpProblem(value)).toMatch(/./));
  it("recognises the allow-everything default", () => {
    expect(allowsEveryAddress([{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }])).toBe(true);
    expect(allowsEveryAddress([{ ipAddress: "0.0.0.0/0" }])).toBe(false);
  });
});
