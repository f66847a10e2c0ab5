import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever the caller's working directory. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const venvBin = join(repoRoot, ".venv", "bin");
