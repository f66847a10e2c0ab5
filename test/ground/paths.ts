import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The repository root, whatever the caller's working directory. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const venvBin = join(repoRoot, ".venv", "bin");
