// A Vite plugin for the one classic (blocking) script of index.html, web/theme.js: it must run
// before the body paints, so it cannot be a module, and Vite bundles only modules. In the
// build it is written as assets/theme-<hash>.js and index.html points there, so it is served
// like every hashed asset (immutable, cached for a year) instead of revalidated on each visit.
// In dev, index.html's /web/theme.js is served as it is.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { Plugin } from "vite";

export function classicScript(source: string): Plugin {
  const url = `/${source}`;
  let root = "";
  let fileName = "";
  return {
    name: "leasehold:classic-script",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      const code = readFileSync(resolve(root, source));
      const hash = createHash("sha256").update(code).digest("hex").slice(0, 10);
      fileName = `assets/${basename(source, extname(source))}-${hash}.js`;
      this.emitFile({ type: "asset", fileName, source: code });
    },
    transformIndexHtml: {
      // Before Vite reads the page; `vite-ignore` tells it to leave the tag alone (it drops the attribute).
      order: "pre",
      handler(html) {
        const tag = `<script src="${url}"></script>`;
        if (!html.includes(tag)) throw new Error(`index.html has no ${tag}`);
        return html.replace(tag, `<script vite-ignore src="/${fileName}"></script>`);
      },
    },
  };
}
