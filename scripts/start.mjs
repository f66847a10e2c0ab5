// `npm start`: build the web app if its sources changed, then run the server.
// The server is our child (Node 20 cannot run .ts, hence tsx), in its own
// process group so that a terminal Ctrl-C reaches it once, through us: npx
// and npm do not forward signals, so we forward SIGTERM/SIGINT ourselves.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { root } from "./lib/run.mjs";
import { ensureWebBuild } from "./lib/web-build.mjs";

if (!(await ensureWebBuild())) process.exit(1);

// setpriv --pdeathsig (util-linux) execs the server, keeping its pid, and
// has the kernel send it SIGTERM should this wrapper be killed outright.
const command = [process.execPath, "--import", "tsx", "server/index.ts"];
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
