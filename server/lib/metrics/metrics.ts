import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Leasehold's Prometheus metrics, one registry per server (tests run several in a process).
 * Every label has a bounded set of values: AWS operation names, outcome classes, reason codes
 * that are constants in the code, lease statuses and dynamic-secret IDs. None carries a secret,
 * an ARN, a user name or an address.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    logins: new Counter({
      name: "leasehold_logins_total",
      help: "Machine identity logins by auth method, outcome (success, refused, error) and reason code",
      labelNames: ["method", "outcome", "reason"] as const,
      registers,
    }),
    awsCalls: new Counter({
      name: "leasehold_aws_calls_total",
      help: "AWS API calls (after the SDK's retries) by service, operation and outcome class",
      labelNames: ["service", "operation", "outcome"] as const,
      registers,
    }),
    awsCallSeconds: new Histogram({
      name: "leasehold_aws_call_duration_seconds",
      help: "Duration of AWS API calls, retries included",
      labelNames: ["service", "operation"] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    revocationsFailed: new Counter({
      name: "leasehold_lease_revocations_failed_total",
      help: "Lease revocations that failed (the lease went to revoke_failed), by reason code",
      labelNames: ["reason"] as const,
      registers,
    }),
    revocationsRetried: new Counter({
      name: "leasehold_lease_revocation_retries_total",
      help: "Revocation attempts of leases that had failed before, by result (revoked, failed)",
      labelNames: ["result"] as const,
      registers,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** What the lease gauges read at scrape time, from the database (the source of truth across instances). */
export interface LeaseHealthSource {
  countByStatus(): Promise<{ dynamicSecretId: string; status: string; count: number }[]>;
  oldestOverdueSince(): Promise<Date | null>;
}

/** Gauges computed when scraped, so every instance reports the cluster's state, not its own. */
export function registerLeaseGauges(metrics: Metrics, source: LeaseHealthSource, now: () => Date) {
  if (metrics.registry.getSingleMetric("leasehold_leases")) return; // services built twice on one core
  const registers = [metrics.registry];
  new Gauge({
    name: "leasehold_leases",
    help: "Leases by status and dynamic secret (ID)",
    labelNames: ["status", "dynamic_secret_id"] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await source.countByStatus())
        this.set({ status: row.status, dynamic_secret_id: row.dynamicSecretId }, row.count);
    },
  });
  new Gauge({
    name: "leasehold_oldest_overdue_revocation_seconds",
    help: "How long the oldest lease past its expiry has been waiting to be revoked (0 when none)",
    registers,
    async collect() {
      const since = await source.oldestOverdueSince();
      this.set(since ? Math.max(0, (now().getTime() - since.getTime()) / 1000) : 0);
    },
  });
}

/** The outcome class of a failed AWS call: bounded, and what an operator alerts on. */
export function awsErrorOutcome(error: unknown): string {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const status = e?.$metadata?.httpStatusCode;
  if (e?.$retryable?.throttling || /Throttl|TooManyRequests|RequestLimitExceeded/.test(e?.name ?? ""))
    return "throttled";
  if (status !== undefined && status >= 500) return "server_error";
  if (status !== undefined && status >= 400) return "client_error";
  return "network_error";
}
