import ipaddr from "ipaddr.js";

// The trusted-IP rule both the API and the dashboard apply to `accessTokenTrustedIps`:
// an IPv4 address in dotted-quad form, an IPv6 address, or either as a CIDR. ipaddr.js
// does the parsing; we only refuse the legacy IPv4 spellings it tolerates ("10.1",
// "0x7f.1", "010.0.0.1"), because a person reading "10.1" would not expect 10.0.0.1.

const ANY_IPV4 = "0.0.0.0/0";
const ANY_IPV6 = "::/0";
export const ALLOW_ALL_TRUSTED_IPS = [{ ipAddress: ANY_IPV4 }, { ipAddress: ANY_IPV6 }];

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isStrictAddress(text: string): "ipv4" | "ipv6" | null {
  if (DOTTED_QUAD.test(text)) return "ipv4";
  if (text.includes(":") && ipaddr.IPv6.isValid(text)) return "ipv6";
  return null;
}

/** Why a trusted-IP entry is refused, or null when it is a valid address or CIDR. */
export function trustedIpProblem(value: string): string | null {
  const text = value.trim();
  if (!text) return "Enter an IP address or CIDR range";
  // A zone ID (fe80::1%eth0) names an interface of the machine that wrote it: meaningless here.
  if (text.includes("%")) return `"${text}" has a zone ID (%…), which cannot match a remote address`;
  const [address, prefix, extra] = text.split("/");
  const kind = isStrictAddress(address ?? "");
  if (extra !== undefined || !kind) return `"${text}" is not an IPv4 or IPv6 address or CIDR range`;
  if (prefix === undefined) return null;
  const maxBits = kind === "ipv4" ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxBits)
    return `"${text}" needs a prefix length from 0 to ${maxBits}`;
  return null;
}

/** True when the list lets every address through (the default), which the dashboard points out. */
export function allowsEveryAddress(entries: { ipAddress: string }[]): boolean {
  const values = new Set(entries.map((e) => e.ipAddress.trim()));
  return values.has(ANY_IPV4) && values.has(ANY_IPV6);
}
