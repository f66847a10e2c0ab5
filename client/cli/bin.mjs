#!/usr/bin/env node
// The package's `leasehold` bin, from a checkout: runs the TypeScript sources through tsx.
// Machines without the repository use the bundled dist/leasehold.mjs (npm run build:cli).
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
