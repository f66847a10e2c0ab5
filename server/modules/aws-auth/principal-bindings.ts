import { GetRoleCommand, GetUserCommand } from "@aws-sdk/client-iam";
import type { AwsCredentialIdentity } from "@smithy/types";
import {
  bindablePrincipal,
  globMatch,
  parseIamPrincipalArn,
  principalMatches,
  splitCommaList,
  uniqueIdOf,
} from "#shared/arn.ts";
import type { PrincipalBinding } from "#shared/schemas/aws-auth.ts";
import type { Clock } from "../../context.ts";
import type { AwsClients } from "../../lib/aws/clients.ts";
import type { CallerIdentity } from "../../lib/aws/sts-login/caller-identity-answer.ts";
import { AppError } from "../../lib/http/errors.ts";
import type { Logger } from "../../lib/logger.ts";

/**
 * Unique-ID binding (issue 11, Vault's `resolve_aws_unique_ids`; decision 1104): an exact role or user ARN in
 * `allowedPrincipalArns` names the principal that had that name when it was bound, by its unique ID. A role
 * deleted and re-created under the same name has a new ID, so it cannot log in: 403 `principal_recreated`.
 */
export type Bindings = Record<string, { uniqueId: string; how: "iam" | "first-login"; boundAt: string }>;

/** The response's view: every entry, and whether (and how) it is bound. */
export function bindingsView(allowedPrincipalArns: string, bindings: Bindings): PrincipalBinding[] {
  return splitCommaList(allowedPrincipalArns).map((principalArn) => {
    const bound = bindings[principalArn];
    if (bound) return { principalArn, status: "bound", ...bound };
    return {
      principalArn,
      status: bindablePrincipal(principalArn) ? "unbound" : "unbindable",
      how: null,
      uniqueId: null,
      boundAt: null,
    };
  });
}

/** Only the bindings of entries still allowed: removing an entry forgets its binding. */
export function keptBindings(allowedPrincipalArns: string, bindings: Bindings): Bindings {
  const entries = new Set(splitCommaList(allowedPrincipalArns));
  return Object.fromEntries(Object.entries(bindings).filter(([arn]) => entries.has(arn)));
}

/**
 * For a caller the rules allowed: the entries to learn the caller's ID for (unbound, exact, matching), or a 403
 * when every entry that admits the caller is bound to another principal. A wildcard or an unbound entry that
 * matches still admits the caller, as it did before binding existed.
 */
export function checkBindings(caller: CallerIdentity, allowedPrincipalArns: string, bindings: Bindings): string[] {
  const principal = parseIamPrincipalArn(caller.arn);
  const matching = splitCommaList(allowedPrincipalArns).filter((entry) =>
    principal ? principalMatches(entry, principal) : globMatch(entry, caller.arn),
  );
  if (matching.length === 0) return [];
  const id = uniqueIdOf(caller.userId);
  const unbound = matching.filter((entry) => !bindings[entry]);
  if (unbound.length > 0 || matching.some((entry) => bindings[entry]!.uniqueId === id))
    return unbound.filter((entry) => bindablePrincipal(entry));
  const [entry] = matching;
  const bound = bindings[entry!]!;
  const how = bound.how === "iam" ? "resolved with IAM" : "learnt at its first login";
  throw new AppError(
    403,
    "principal_recreated",
    `AWS says ${caller.arn} signed the request, but its unique ID (${id}) is not the one ${entry} was bound to ` +
      `(${bound.uniqueId}, ${how} on ${bound.boundAt.slice(0, 10)}): ` +
      "the principal was deleted and re-created under the same name. " +
      "If that was deliberate, an admin can re-bind the entry in the identity's AWS Auth settings.",
  );
}

/**
 * Resolves exact entries to unique IDs with the server's own AWS principal (iam:GetRole / iam:GetUser), for
 * entries in the server's own account only: GetRole takes a name, and the same name in another account is
 * another role. Whatever it cannot resolve (no permission, another account, no such principal yet) is left
 * for the first login to bind. Never throws.
 */
export function createPrincipalResolver(deps: {
  aws: AwsClients;
  credentials: () => AwsCredentialIdentity | undefined;
  clock: Clock;
  logger: Logger;
}) {
  return async function resolve(entries: string[]): Promise<Bindings> {
    const wanted = entries.map((entry) => [entry, bindablePrincipal(entry)] as const).filter(([, p]) => p);
    if (wanted.length === 0) return {};
    let account: string;
    try {
      account = (await deps.aws.callerIdentity({ credentials: deps.credentials() })).account;
    } catch (error) {
      deps.logger.debug({ err: error }, "unique-ID binding: the server's principal is unknown; bind at first login");
      return {};
    }
    const iam = deps.aws.iam({ credentials: deps.credentials() });
    const boundAt = deps.clock.now().toISOString();
    const resolved = await Promise.all(
      wanted.map(async ([entry, principal]) => {
        if (principal!.account !== account) return null;
        try {
          const found =
            principal!.kind === "role"
              ? (await iam.send(new GetRoleCommand({ RoleName: principal!.name }))).Role
              : (await iam.send(new GetUserCommand({ UserName: principal!.name }))).User;
          const id = found && "RoleId" in found ? found.RoleId : (found as { UserId?: string } | undefined)?.UserId;
          // The name alone could be the same name under another path: the ARN must be the entry's.
          if (!id || found?.Arn !== entry) return null;
          return [entry, { uniqueId: id, how: "iam" as const, boundAt }] as const;
        } catch (error) {
          deps.logger.debug({ err: error, entry }, "unique-ID binding: not resolved with IAM; bind at first login");
          return null;
        }
      }),
    );
    return Object.fromEntries(resolved.filter((r) => r !== null));
  };
}
export type PrincipalResolver = ReturnType<typeof createPrincipalResolver>;
