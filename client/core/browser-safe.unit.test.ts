import { build } from "esbuild";
import { expect, it } from "vitest";

// The dashboard bundles this core: one Node-only import (node:*, the AWS SDK's credential
// chain) would break the web build or drag the SDK into it. esbuild refuses to resolve
// Node built-ins for the browser platform, so this build fails if one sneaks in.
it("bundles client/core for the browser without Node built-ins or the AWS SDK", async () => {
  const result = await build({
    entryPoints: ["client/core/index.ts"],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((input) => /^node:|@aws-sdk|@smithy/.test(input))).toEqual([]);
  expect(inputs).toContain("client/core/leasehold-client.ts");
});
