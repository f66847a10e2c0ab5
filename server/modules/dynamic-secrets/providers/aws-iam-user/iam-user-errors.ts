import { awsErrorCode, classifyAwsError, translateAwsError } from "../../../../lib/aws/translate-error.ts";
import { AppError } from "../../../../lib/http/errors.ts";
import { asLeaseStatus } from "../provider.ts";
import { IamCallError } from "./iam-user-lifecycle.ts";

/** Advice for a missing entity, by the step that found it missing: the fix is in the dynamic secret's settings. */
const MISSING: Record<string, (resource: string) => string> = {
  "iam:AddUserToGroup": (group) =>
    `The IAM group "${group}" does not exist in the AWS account. ` +
    "Create it, or remove it from the dynamic secret's user groups.",
  "iam:AttachUserPolicy": (arn) =>
    `The managed policy ${arn} does not exist in the AWS account. Fix the dynamic secret's policy ARNs.`,
  "iam:CreateUser": () =>
    "AWS could not find the permissions boundary policy. Fix the dynamic secret's permission boundary ARN.",
};

/**
 * An AWS failure during a lease's create or revoke, as the answer to the person or machine
 * that asked: a 4xx that says what to fix, or 502 when AWS could not be reached or failed.
 */
export function leaseAwsError(error: unknown, caller: string): AppError {
  if (error instanceof AppError) return asLeaseStatus(error);
  if (!(error instanceof IamCallError)) throw error;
  const { action, resource, cause } = error;
  const kind = classifyAwsError(cause);
  if (kind === "not-found" && MISSING[action]) {
    return new AppError(400, "aws_not_found", MISSING[action](resource), {
      details: { awsErrorCode: awsErrorCode(cause), action, retryable: false },
    });
  }
  if (action === "iam:CreateUser" && awsErrorCode(cause) === "EntityAlreadyExists") {
    return new AppError(
      409,
      "iam_user_exists",
      `An IAM user named "${resource}" already exists in the AWS account and is not this lease's, ` +
        "so Leasehold left it alone. " +
        "Make the username template unique, e.g. with {{random 8}}.",
      { details: { awsErrorCode: "EntityAlreadyExists", action, retryable: false } },
    );
  }
  return asLeaseStatus(translateAwsError(cause, { action, resource, caller }));
}
