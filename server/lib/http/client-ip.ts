import { type CidrRange, ipMatchesAny, parseAddress } from "../net/ip.ts";

/**
 * The client's address. X-Forwarded-For is believed only when the direct peer is a
 * trusted proxy; then we walk the chain from the right, skipping trusted proxies, and
 * take the first untrusted hop. A client cannot spoof its address by sending the header.
 */
export function resolveClientIp(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: CidrRange[],
): string {
  const direct = normalise(peer) ?? "unknown";
  if (!forwardedFor || trusted.length === 0 || !ipMatchesAny(direct, trusted)) return direct;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]);
    if (!hop) return direct;
    if (!ipMatchesAny(hop, trusted)) return hop;
  }
  return normalise(hops[0]) ?? direct;
}

function normalise(value: string | undefined): string | null {
  const address = parseAddress(value);
  return address ? address.toString() : null;
}
