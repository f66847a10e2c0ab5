import { globMatch, parseIamPrincipalArn, principalMatches, splitCommaList } from "#shared/arn.ts";
import type { CallerIdentity } from "../../lib/aws/sts-login/caller-identity-answer.ts";
import { AppError } from "../../lib/http/errors.ts";

export interface PrincipalRules {
  allowedPrincipalArns: string;
  allowedAccountIds: string;
}

/**
 * Whether the principal AWS vouched for may log in as this identity; throws the 403 (or,
 * for an inconsistent answer, 401) that names the ARN AWS returned.
 * - Root principals never log in: root credentials should not exist on a workload.
 * - Account IDs match exactly.
 * - Principal ARNs match through the one shared matcher: users keep their path, an
 *   assumed-role session also matches as its role ARN, `*` is a glob. An ARN the parser
 *   does not model (a federated user) can still match an entry literally or by glob.
 * An empty list does not restrict; both empty is refused when the config is saved.
 */
export function checkCallerAllowed(caller: CallerIdentity, rules: PrincipalRules): void {
  const principal = parseIamPrincipalArn(caller.arn);
  if (principal?.kind === "root" || /^arn:[\w-]+:iam::\d{12}:root$/.test(caller.arn)) {
    throw new AppError(
      403,
      "root_principal_not_supported",
      `AWS says ${caller.arn} signed the request: an account's root user cannot log in. Use an IAM user or role.`,
    );
  }
  if (principal && principal.account !== caller.account) {
    throw new AppError(
      401,
      "sts_unexpected_response",
      `STS answered with the ARN ${caller.arn} but the account ${caller.account}; no identity was verified`,
    );
  }
  const accounts = splitCommaList(rules.allowedAccountIds);
  if (accounts.length > 0 && !accounts.includes(caller.account)) {
    throw new AppError(
      403,
      "account_id_not_allowed",
      `AWS says ${caller.arn} signed the request, and its account ${caller.account} ` +
        "is not among this identity's allowed account IDs",
    );
  }
  const entries = splitCommaList(rules.allowedPrincipalArns);
  const matches = (entry: string) => (principal ? principalMatches(entry, principal) : globMatch(entry, caller.arn));
  if (entries.length > 0 && !entries.some(matches)) {
    throw new AppError(
      403,
      "principal_arn_not_allowed",
      `AWS says ${caller.arn} signed the request, which is not among this identity's allowed principal ARNs`,
    );
  }
}
