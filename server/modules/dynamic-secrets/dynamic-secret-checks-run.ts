import type { IAMClient } from "@aws-sdk/client-iam";
import type { ConfigCheck, ConfigCheckStatus } from "#shared/schemas/dynamic-secrets.ts";
import { type AwsErrorKind, awsErrorCode, classifyAwsError, translateAwsError } from "../../lib/aws/translate-error.ts";

/**
 * What every Test configuration check shares: the IAM client of the managing credentials, at most a few AWS
 * calls in flight (IAM's request rate per account is modest, and a form can name 10 groups and 20 policies),
 * and one deadline for the whole answer, so a slow or throttling AWS yields "not checked in time" instead of a
 * spinner that outlasts the person's patience (the SDK's adaptive retries could otherwise take half a minute).
 */
export const CHECK_CONCURRENCY = 4;
const CHECK_DEADLINE_MS = 8000;

export interface CheckRun {
  /** Sends an IAM command under the concurrency limit and the deadline; `Output` is the command's output type. */
  iam<Output = unknown>(command: object): Promise<Output>;
  /** Runs any AWS call under the limit; `call` gets the deadline's signal. */
  limited<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Who signs, in words, for messages. */
  caller: string;
  /** The principal AWS named, and its account and partition (resource ARNs are built in them). */
  callerArn: string;
  account: string;
  partition: string;
  /** The person or machine asking, for the sample user name. */
  requester: string;
  /** Ends waiting calls; called when the answer is sent. */
  close(): void;
}

export function createCheckRun(options: {
  iam: IAMClient;
  caller: string;
  callerArn: string;
  requester: string;
  deadlineMs?: number;
}): CheckRun {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineError()), options.deadlineMs ?? CHECK_DEADLINE_MS);
  // The SDK honours the signal on the wire but not while it sleeps between retries: the race ends those too.
  const deadline = new Promise<never>((_, reject) =>
    controller.signal.addEventListener("abort", () => reject(new DeadlineError()), { once: true }),
  );
  deadline.catch(() => {});
  let active = 0;
  const waiting: (() => void)[] = [];
  async function limited<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (active >= CHECK_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      if (controller.signal.aborted) throw new DeadlineError();
      const pending = call(controller.signal);
      pending.catch(() => {}); // settled after the deadline, nobody waits for it any more
      return await Promise.race([pending, deadline]);
    } finally {
      active--;
      waiting.shift()?.();
    }
  }
  const [, partition = "aws", , , account = ""] = options.callerArn.split(":");
  return {
    limited,
    iam: <Output>(command: Parameters<IAMClient["send"]>[0]) =>
      limited((signal) => options.iam.send(command as never, { abortSignal: signal }) as unknown as Promise<Output>),
    caller: options.caller,
    callerArn: options.callerArn,
    account,
    partition,
    requester: options.requester,
    close: () => clearTimeout(timer),
  };
}

/** The whole check ran out of time before this call answered. */
export class DeadlineError extends Error {
  constructor() {
    super(`AWS did not answer within ${CHECK_DEADLINE_MS / 1000} seconds`);
    this.name = "DeadlineError";
  }
}

/** How an AWS refusal reads in a check: the kind, and a message that says what to fix. */
export function awsProblem(
  error: unknown,
  ctx: { action: string; resource?: string; caller: string },
): { kind: AwsErrorKind | "deadline"; code: string; message: string } {
  if (error instanceof DeadlineError || (error as Error | null)?.name === "AbortError")
    return {
      kind: "deadline",
      code: "Deadline",
      message: `Not checked: AWS did not answer ${ctx.action} within ${CHECK_DEADLINE_MS / 1000} seconds.`,
    };
  return {
    kind: classifyAwsError(error),
    code: awsErrorCode(error),
    message: translateAwsError(error, ctx).message,
  };
}

/** The form's path of an input field: issues and checks name it the same way. */
export const inputField = (name: string) => ["provider", "inputs", name];

export function makeCheck(check: {
  id: string;
  step: ConfigCheck["step"];
  status: ConfigCheckStatus;
  title: string;
  message: string;
  field?: string[] | null;
  action?: string | null;
}): ConfigCheck {
  return {
    id: check.id,
    step: check.step,
    ok: check.status !== "failed",
    status: check.status,
    title: check.title,
    field: check.field ?? null,
    action: check.action ?? null,
    message: check.message,
  };
}

/** The worst of several statuses: failed, then warning, then skipped, then ok. */
export function worstStatus(statuses: readonly ConfigCheckStatus[]): ConfigCheckStatus {
  for (const status of ["failed", "warning", "skipped"] as const) if (statuses.includes(status)) return status;
  return "ok";
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
