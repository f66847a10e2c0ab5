import ipaddr from "ipaddr.js";

export type CidrRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses "10.0.0.1", "10.0.0.0/8", "::1" or "2001:db8::/32"; null when invalid. */
function parseIpOrCidr(value: string): CidrRange | null {
  const text = value.trim();
  try {
    if (text.includes("/")) return ipaddr.parseCIDR(text);
    const address = ipaddr.parse(text);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return null;
  }
}

/** Normalises an address, unwrapping IPv4-mapped IPv6 (::ffff:1.2.3.4) so rules match either form. */
export function parseAddress(value: string | undefined | null): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!value) return null;
  try {
    const address = ipaddr.parse(value.trim());
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      return (address as ipaddr.IPv6).toIPv4Address();
    }
    return address;
  } catch {
    return null;
  }
}

export function ipMatchesAny(ip: string, ranges: CidrRange[]): boolean {
  const address = parseAddress(ip);
  if (!address) return false;
  return ranges.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

export function parseCidrList(values: string[]): CidrRange[] {
  return values.map(parseIpOrCidr).filter((r): r is CidrRange => r !== null);
}
