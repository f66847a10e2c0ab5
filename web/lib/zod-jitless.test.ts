import { describe, expect, it } from "vitest";
import "#web/lib/zod-jitless.ts";

describe("zod's jitless setting", () => {
  it("is set before zod loads, where zod reads it, so no schema probes eval", async () => {
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    const evalSpy = globalThis.Function;
    let probed = false;
    globalThis.Function = new Proxy(evalSpy, {
      construct(target, args) {
        probed = true;
        return Reflect.construct(target, args);
      },
    });
    try {
      const schema = z.object({ a: z.string(), b: z.object({ c: z.number() }) });
      expect(schema.parse({ a: "x", b: { c: 1 }, d: 2 })).toEqual({ a: "x", b: { c: 1 } });
    } finally {
      globalThis.Function = evalSpy;
    }
    expect(probed).toBe(false);
  });
});
