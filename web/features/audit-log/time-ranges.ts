// The audit log's time ranges, apart from its API module: the route's search rules (part of every page's first
// download) need them, the route tables and the data layer not.

/** "The last …": kept in the address as such, so a shared or reloaded link still means the last 24 hours. */
export const AUDIT_TIME_RANGES = {
  "1h": { label: "Last hour", seconds: 3600 },
  "24h": { label: "Last 24 hours", seconds: 86_400 },
  "7d": { label: "Last 7 days", seconds: 7 * 86_400 },
  "30d": { label: "Last 30 days", seconds: 30 * 86_400 },
} as const;
export type AuditTimeRange = keyof typeof AUDIT_TIME_RANGES;
export const AUDIT_TIME_RANGE_KEYS = Object.keys(AUDIT_TIME_RANGES) as AuditTimeRange[];
