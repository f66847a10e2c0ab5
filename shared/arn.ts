import type { AwsPartition } from "./aws-regions.ts";

/**
 * One ARN parser for the whole product: the server's login checks, the dashboard's
 * form validation and the dynamic-secret inputs all use it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface Arn {
  partition: AwsPartition;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const PARTITIONS = new Set<string>(["aws", "aws-cn", "aws-us-gov"]);
const ACCOUNT_RE = /^\d{12}$/;
// IAM names: 1-64 (users) / 1-64 (roles) of [\w+=,.@-]; paths: / or /segments/ of printable ASCII without spaces.
const NAME_RE = /^[\w+=,.@-]{1,128}$/;
const PATH_SEGMENT_RE = /^[\x21-\x2e\x30-\x7e]+$/;

export function parseArn(input: string): Arn | null {
  const parts = input.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(":");
  if (!PARTITIONS.has(partition) || !/^[a-z0-9-]+$/.test(service) || !resource) return null;
  if (region && !/^[a-z0-9-]+$/.test(region)) return null;
  if (account && account !== "aws" && !ACCOUNT_RE.test(account)) return null;
  return { partition: partition as AwsPartition, service, region, account, resource };
}

export type IamPrincipal =
  | { kind: "user" | "role"; partition: AwsPartition; account: string; path: string; name: string; arn: string }
  | {
      kind: "assumed-role";
      partition: AwsPartition;
      account: string;
      roleName: string;
      sessionName: string;
      arn: string;
    }
  | { kind: "root"; partition: AwsPartition; account: string; arn: string };

/** Splits "path/to/Name" into "/path/to/" and "Name", validating both. */
function splitPathAndName(rest: string): { path: string; name: string } | null {
  const segments = rest.split("/");
  const name = segments.pop()!;
  if (!NAME_RE.test(name)) return null;
  if (!segments.every((s) => PATH_SEGMENT_RE.test(s))) return null;
  return { path: segments.length ? `/${segments.join("/")}/` : "/", name };
}

/** Parses the ARN of an IAM user, role, assumed-role session or account root. */
export function parseIamPrincipalArn(input: string): IamPrincipal | null {
  const arn = parseArn(input);
  if (arn?.region !== "" || !ACCOUNT_RE.test(arn.account)) return null;
  const base = { partition: arn.partition, account: arn.account, arn: input };
  if (arn.service === "iam" && arn.resource === "root") return { kind: "root", ...base };
  if (arn.service === "iam") {
    const match = /^(user|role)\/(.+)$/.exec(arn.resource);
    const pathAndName = match ? splitPathAndName(match[2]!) : null;
    return match && pathAndName ? { kind: match[1] as "user" | "role", ...base, ...pathAndName } : null;
  }
  if (arn.service === "sts") {
    const match = /^assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/.exec(arn.resource);
    return match ? { kind: "assumed-role", ...base, roleName: match[1]!, sessionName: match[2]! } : null;
  }
  return null;
}

/** Role ARN (arn:aws:iam::123456789012:role/Name) for a role name or an assumed-role session. */
export function roleArnOf(principal: IamPrincipal): string | null {
  if (principal.kind === "assumed-role")
    return `arn:${principal.partition}:iam::${principal.account}:role/${principal.roleName}`;
  if (principal.kind === "role") return principal.arn;
  return null;
}

/**
 * `*` matches any run of characters (including none); every other character matches
 * itself. No regular expression is built from the pattern, so nothing can escape.
 */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === value[v]) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/**
 * An allowed-principal entry is the ARN of a user, role or assumed role, or an ARN
 * prefix ending in `*` (e.g. arn:aws:iam::123456789012:* or arn:aws:iam::123456789012:role/ci-*).
 */
export function validateAllowedPrincipalEntry(entry: string): string | null {
  const value = entry.trim();
  if (!value) return "An entry is empty";
  if (value.includes("*")) {
    const prefix = value.slice(0, value.indexOf("*"));
    const arn = /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::(\d{12}):/.exec(prefix);
    if (!arn) return `"${value}" must start with arn:<partition>:iam::<12-digit account>: before a wildcard`;
    return null;
  }
  const principal = parseIamPrincipalArn(value);
  if (!principal) return `"${value}" is not the ARN of an IAM user, role or assumed role`;
  if (principal.kind === "root") return `"${value}" is an account root; root principals cannot log in`;
  return null;
}

/**
 * Whether the caller AWS vouched for matches an allowed entry. Assumed-role sessions
 * also match as their role ARN; users keep their path, so an exact entry with a path matches.
 */
export function principalMatches(allowedEntry: string, caller: IamPrincipal): boolean {
  const candidates = [caller.arn];
  const roleArn = caller.kind === "assumed-role" ? roleArnOf(caller) : null;
  if (roleArn) candidates.push(roleArn);
  return candidates.some((candidate) => globMatch(allowedEntry.trim(), candidate));
}

/** A managed policy ARN: arn:aws:iam::aws:policy/Name or arn:aws:iam::123456789012:policy/path/Name. */
export function isPolicyArn(input: string): boolean {
  const arn = parseArn(input.trim());
  if (arn?.service !== "iam" || arn.region !== "" || !(arn.account === "aws" || ACCOUNT_RE.test(arn.account)))
    return false;
  const match = /^policy\/(.+)$/.exec(arn.resource);
  return Boolean(match && splitPathAndName(match[1]!));
}

/** Splits a comma-separated list, trimming each part and dropping empty ones. */
export function splitCommaList(value: string | undefined | null): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * An allowed-principal entry that can be bound to one principal's unique ID (issue 11): the exact ARN of an IAM
 * user or role. A wildcard names many principals and an assumed-role session is not a principal of its own.
 */
export function bindablePrincipal(entry: string): Extract<IamPrincipal, { kind: "user" | "role" }> | null {
  if (entry.includes("*")) return null;
  const principal = parseIamPrincipalArn(entry.trim());
  return principal?.kind === "user" || principal?.kind === "role" ? principal : null;
}

/** The unique ID in STS's `UserId`: `AROA…:session` for a role session, `AIDA…` for a user. */
export const uniqueIdOf = (userId: string) => userId.split(":")[0]!;
