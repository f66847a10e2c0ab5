// `npm run dev`: the API server under `tsx watch` on LEASEHOLD_DEV_API_PORT
// (default 8081) and Vite's dev server, whose /api proxy (vite.config.ts)
// points at it. Ctrl-C or either one exiting stops both, by pid.
import { binOf, runNode, stopChildren, stopChildrenOnSignal, wasInterrupted } from "./lib/run.mjs";

const apiPort = process.env.LEASEHOLD_DEV_API_PORT ?? "8081";
stopChildrenOnSignal();

const api = runNode(binOf("tsx"), ["watch", "--clear-screen=false", "server/index.ts"], {
  env: { PORT: apiPort, LEASEHOLD_DEV_API_PORT: apiPort },
});
const web = runNode(binOf("vite"), [], { env: { LEASEHOLD_DEV_API_PORT: apiPort } });

const first = await Promise.race([api.then((c) => ["api", c]), web.then((c) => ["vite", c])]);
if (wasInterrupted()) await new Promise(() => {}); // the signal handler exits
console.error(`[dev] ${first[0]} exited (${first[1]}); stopping the other`);
await stopChildren();
process.exit(first[1] || 1);
