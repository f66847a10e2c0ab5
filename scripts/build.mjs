// `npm run build`: the dashboard (vite → dist/web, with brotli and gzip copies of its
// assets) and the server (esbuild → dist/server/index.mjs), always rebuilt.
import { ensureServerBuild } from "./lib/server-build.mjs";
import { ensureWebBuild } from "./lib/web-build.mjs";

const ok = (await ensureWebBuild({ force: true })) && (await ensureServerBuild({ force: true }));
process.exit(ok ? 0 : 1);
