// A closed-loop load generator for the benchmarks: `concurrency` loops each sending `request` and
// awaiting its answer, for `seconds`.

/** Latencies (ms, sorted) of the answers with the `expected` status, and what failed. */
export async function load({ seconds, concurrency, request, expected }) {
  const latencies = [];
  let failures = 0;
  let firstFailure;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await request();
        const ms = performance.now() - t0;
        if (res.status === expected) latencies.push(ms);
        else {
          failures++;
          firstFailure ??= `${res.status} ${res.text.slice(0, 200)}`;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    latencies,
    count: latencies.length,
    failures,
    firstFailure,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}
