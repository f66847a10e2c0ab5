/**
 * Only same-origin paths are followed after login, so a crafted link such as
 * /login?redirect=https://evil.example cannot bounce a freshly signed-in person off-site (open redirect).
 */
export function safeRedirectPath(value: unknown, fallback = "/projects"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  // "//host" and "/\host" are protocol-relative URLs in browsers.
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Sending someone back to an auth page after signing in would loop.
  if (/^\/(login|setup|accept-invite)(\/|\?|#|$)/.test(value)) return fallback;
  return value;
}
