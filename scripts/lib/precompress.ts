// A Vite plugin: after the build is written, a brotli (quality 11) and a gzip (level 9) copy
// beside every text file (x.js → x.js.br, x.js.gz), kept where it saves more than the
// Content-Encoding and Vary headers it costs: small files count too, since a first load is
// dozens of them. The server sends them as they are (server/lib/http/web-assets.ts), so
// compression costs nothing per request and gets the build's best settings.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** About what `Content-Encoding: br` and `Vary: Accept-Encoding` add to a response. */
const MIN_SAVING = 48;

async function* textFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".")) yield* textFiles(path);
    } else if (TEXT.test(entry.name)) yield path;
  }
}

export async function precompressDir(dir: string): Promise<void> {
  const jobs: Promise<void>[] = [];
  for await (const file of textFiles(dir)) {
    jobs.push(
      (async () => {
        const body = await readFile(file);
        const [br, gz] = await Promise.all([
          brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
          gzipAsync(body, { level: 9 }),
        ]);
        if (body.length - br.length > MIN_SAVING) await writeFile(`${file}.br`, br);
        if (body.length - gz.length > MIN_SAVING) await writeFile(`${file}.gz`, gz);
      })(),
    );
  }
  await Promise.all(jobs);
}

export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "leasehold:precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
