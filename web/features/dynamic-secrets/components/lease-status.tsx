import { useEffect, useState } from "react";
import type { LeaseStatus } from "#shared/schemas/leases.ts";
import { Badge, type BadgeVariant } from "#web/components/ui/badge.tsx";
import { formatCompactDateTime } from "#web/lib/format.ts";

const STATUS: Record<LeaseStatus, { label: string; variant: BadgeVariant }> = {
  creating: { label: "Creating", variant: "neutral" },
  active: { label: "Active", variant: "success" },
  revoking: { label: "Revoking", variant: "warning" },
  revoke_failed: { label: "Revoke failed", variant: "destructive" },
  revoked: { label: "Revoked", variant: "outline" },
  expired: { label: "Expired", variant: "outline" },
};

export function LeaseStatusBadge({ status, creationFailed }: { status: LeaseStatus; creationFailed: boolean }) {
  if (creationFailed && status === "revoked") return <Badge variant="destructive">Creation failed</Badge>;
  const { label, variant } = STATUS[status];
  return <Badge variant={variant}>{label}</Badge>;
}

/** The current time, refreshed every `intervalMs`, for live countdowns. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "59m 12s", "2d 3h": the two largest units of a duration in milliseconds. */
function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(seconds / 86400), "d"],
    [Math.floor((seconds % 86400) / 3600), "h"],
    [Math.floor((seconds % 3600) / 60), "m"],
    [seconds % 60, "s"],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return "0s";
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(" ");
}

/** A lease's expiry with a live countdown; only live leases count down. */
export function ExpiryCountdown({ expireAt, live, now }: { expireAt: string; live: boolean; now: number }) {
  const remaining = Date.parse(expireAt) - now;
  return (
    <div className="grid gap-0.5 whitespace-nowrap">
      {live ? (
        <span className={remaining > 0 ? "font-medium tabular-nums" : "font-medium text-warning-foreground"}>
          {remaining > 0 ? `in ${formatRemaining(remaining)}` : "due now: being revoked"}
        </span>
      ) : null}
      <time dateTime={expireAt} className={live ? "text-xs text-muted-foreground" : undefined}>
        {formatCompactDateTime(expireAt)}
      </time>
    </div>
  );
}
