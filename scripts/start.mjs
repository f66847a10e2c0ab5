// `npm start`: build the web app and the server when their sources changed, then run the
// compiled server (dist/server/index.mjs) with plain node. The server is our child, in its
// own process group so that a terminal Ctrl-C reaches it once, through us: npx and npm do
// not forward signals, so we forward SIGTERM/SIGINT ourselves.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { root } from "./lib/run.mjs";
import { ensureServerBuild, SERVER_ENTRY } from "./lib/server-build.mjs";
import { ensureWebBuild } from "./lib/web-build.mjs";

if (!(await ensureWebBuild()) || !(await ensureServerBuild())) process.exit(1);

// setpriv --pdeathsig (util-linux) execs the server, keeping its pid, and
// has the kernel send it SIGTERM should this wrapper be killed outright.
// Unminified, so stack traces read as they are; NODE_OPTIONS=--enable-source-maps maps them
// back to the .ts files (off by default: it makes every Error.stack slower).
const command = [process.execPath, SERVER_ENTRY];
if (existsSync("/usr/bin/setpriv")) command.unshift("/usr/bin/setpriv", "--pdeathsig", "TERM", "--");
const server = spawn(command[0], command.slice(1), {
  cwd: root,
  stdio: "inherit",
  detached: true,
});
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.once("exit", (code, signal) => {
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 9) : 1));
});
