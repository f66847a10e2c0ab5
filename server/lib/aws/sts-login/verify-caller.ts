import { SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import { AppError } from "../../http/errors.ts";
import { type CallerIdentity, readCallerIdentityAnswer } from "./caller-identity-answer.ts";
import {
  DEFAULT_FORWARD_OPTIONS,
  type ForwardOptions,
  forwardToSts,
  type StsAnswer,
  StsAnswerTooLargeError,
  StsUnreachableError,
} from "./forward.ts";
import type { SignedStsRequest } from "./signed-request.ts";
import { resolveStsTarget } from "./sts-target.ts";

/** AWS itself refuses SigV4 requests whose date is more than 15 minutes off. */
export const MAX_SIGNATURE_AGE_MS = 15 * 60 * 1000;

export interface VerifyOptions {
  /** The identity's configured STS endpoint. */
  stsEndpoint: string;
  /** When set, the request must carry this value in the signed X-Leasehold-Server-ID header. */
  requiredServerId: string | null;
  now: Date;
  /** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL, which overrides where requests go. */
  endpointOverride: string | undefined;
  forward?: ForwardOptions;
  /** Told the outcome class and duration of the call to STS (for metrics); never its content. */
  observe?: (
    outcome: "success" | "client_error" | "server_error" | "throttled" | "network_error",
    seconds: number,
  ) => void;
}

const SERVER_ID = SERVER_ID_HEADER.toLowerCase();

/** The checks that need the identity's configuration but not the network. */
function checkBeforeSending(request: SignedStsRequest, options: VerifyOptions) {
  const skew = Math.abs(options.now.getTime() - request.signedAt.getTime());
  if (skew > MAX_SIGNATURE_AGE_MS) {
    throw new AppError(
      401,
      "request_not_fresh",
      `The request was signed at ${request.signedAt.toISOString()}, more than 15 minutes from the server's time: ` +
        "sign a new one (and check the clock)",
    );
  }
  if (options.requiredServerId !== null) {
    const sent = request.headers.get(SERVER_ID);
    if (sent === undefined || !request.signedHeaders.includes(SERVER_ID)) {
      throw new AppError(
        401,
        "server_id_header_missing",
        `This identity requires the ${SERVER_ID_HEADER} header, included in the signature`,
      );
    }
    if (sent !== options.requiredServerId) {
      throw new AppError(
        401,
        "server_id_header_missing",
        `The ${SERVER_ID_HEADER} header names another server: the request was signed for a different Leasehold`,
      );
    }
  }
}

/**
 * Asks STS who signed the request. Throws the AppError the login answers with: 400 for a
 * request that cannot go to this identity's endpoint, 401 when the signature is stale,
 * unbound or refused, 502 when STS cannot be reached.
 */
export async function verifyCallerIdentity(request: SignedStsRequest, options: VerifyOptions): Promise<CallerIdentity> {
  const target = resolveStsTarget(options.stsEndpoint, request, options.endpointOverride);
  checkBeforeSending(request, options);

  let answer: StsAnswer;
  const started = performance.now();
  const observe = (outcome: Parameters<NonNullable<VerifyOptions["observe"]>>[0]) =>
    options.observe?.(outcome, (performance.now() - started) / 1000);
  try {
    answer = await forwardToSts(target.url, request, options.forward ?? DEFAULT_FORWARD_OPTIONS);
  } catch (error) {
    observe(error instanceof StsAnswerTooLargeError ? "client_error" : "network_error");
    if (error instanceof StsAnswerTooLargeError)
      throw new AppError(401, "sts_unexpected_response", `AWS STS at ${target.endpoint}: ${error.message}`);
    if (error instanceof StsUnreachableError)
      throw new AppError(
        502,
        "sts_unreachable",
        `AWS STS at ${target.endpoint} could not be reached: ${error.message}`,
      );
    throw error;
  }

  const verdict = readCallerIdentityAnswer(answer);
  observe(
    verdict.kind === "verified"
      ? "success"
      : verdict.kind === "unavailable"
        ? "server_error"
        : verdict.kind === "rejected" && verdict.awsCode === "Throttling"
          ? "throttled"
          : "client_error",
  );
  switch (verdict.kind) {
    case "verified":
      return verdict.caller;
    case "unavailable":
      throw new AppError(
        502,
        "sts_unreachable",
        `AWS STS at ${target.endpoint} answered HTTP ${verdict.status}; try again later`,
      );
    case "unexpected":
      throw new AppError(401, "sts_unexpected_response", `${verdict.reason}; no identity was verified`);
    case "rejected":
      if (verdict.awsCode === "RequestExpired") {
        throw new AppError(
          401,
          "request_not_fresh",
          "AWS STS says the signature has expired: sign a new request (and check the clock)",
        );
      }
      if (verdict.awsCode === "Throttling") {
        throw new AppError(
          502,
          "sts_unreachable",
          `AWS STS at ${target.endpoint} is throttling requests; try again shortly`,
        );
      }
      throw new AppError(
        401,
        "sts_rejected_signature",
        `AWS STS rejected the signed request (${verdict.awsCode ?? `HTTP ${verdict.status}`}): ` +
          "check the credentials it was signed with and the region and host it was signed for",
      );
  }
}
