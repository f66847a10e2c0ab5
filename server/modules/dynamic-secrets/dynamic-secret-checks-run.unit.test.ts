import type { IAMClient } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { awsProblem, CHECK_CONCURRENCY, createCheckRun, DeadlineError } from "./dynamic-secret-checks-run.ts";

const callerArn = "arn:aws:iam::123456789012:user/leasehold";

describe("the check run: a few AWS calls at a time, one deadline for all", () => {
  it("keeps at most CHECK_CONCURRENCY calls in flight and runs them all", async () => {
    let active = 0;
    let peak = 0;
    const iam = {
      send: async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        return { ok: true };
      },
    } as unknown as IAMClient;
    const run = createCheckRun({ iam, caller: "the key", callerArn, requester: "Ada" });
    const answers = await Promise.all(Array.from({ length: 12 }, () => run.iam({})));
    run.close();
    expect(answers).toHaveLength(12);
    expect(peak).toBe(CHECK_CONCURRENCY);
    expect(run).toMatchObject({ account: "123456789012", partition: "aws" });
  });

  it("ends a call that outlives the deadline, and the calls queued behind it, as not checked in time", async () => {
    const iam = { send: () => new Promise(() => {}) } as unknown as IAMClient;
    const run = createCheckRun({ iam, caller: "the key", callerArn, requester: "Ada", deadlineMs: 30 });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: CHECK_CONCURRENCY + 2 }, () => run.iam({})));
    run.close();
    expect(Date.now() - started).toBeLessThan(1000);
    for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(DeadlineError);
    const problem = awsProblem(new DeadlineError(), { action: "iam:GetGroup", caller: "the key" });
    expect(problem).toMatchObject({
      kind: "deadline",
      message: expect.stringMatching(/^Not checked: AWS did not answer/),
    });
  });
});
