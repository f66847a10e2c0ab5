// zod compiles object parsers with `new Function` unless told not to, and probes whether it may
// at the first parse. The Content-Security-Policy forbids eval (script-src 'self'), so the probe
// fails, which zod handles, but Chromium still reports a CSP violation for it (Lighthouse's
// best-practices "issues" audit). Jitless mode skips the probe and the compiling.
//
// zod keeps its settings on globalThis.__zod_globalConfig so that several copies share them, and
// reads `jitless` when a schema is built: setting it here, in the first module of every page and
// without importing zod, covers every shared schema, which only lazily loaded chunks import.
// zod-jitless.test.ts fails if a zod upgrade stops reading it from there.

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };

export {};
