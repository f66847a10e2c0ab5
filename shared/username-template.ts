/**
 * The username template of AWS IAM dynamic secrets (API.md, "Username template").
 *
 * A small parser of our own instead of Handlebars: the language has four variables and
 * five helpers, and nothing else can be expressed, so a template can never reach a
 * prototype, a property, a partial or a function we did not list. The same code runs in
 * the dashboard (live preview) and on the server (save-time check and lease-time render).
 * The parser is in username-template-parser.ts; this file renders and checks the result.
 */
import {
  type Arg,
  type HelperCall,
  IAM_USER_NAME_MAX,
  type ParsedTemplate,
  parseUsernameTemplate,
  type TemplateVariable,
  UsernameTemplateError,
} from "./username-template-parser.ts";

export type { ParsedTemplate } from "./username-template-parser.ts";
export {
  parseUsernameTemplate,
  TEMPLATE_VARIABLES,
  USERNAME_TEMPLATE_MAX_LENGTH,
  UsernameTemplateError,
} from "./username-template-parser.ts";

/**
 * IAM user names: 1-64 characters of [A-Za-z0-9+=,.@_-]
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html).
 */
export const IAM_USER_NAME_RE = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
const DEFAULT_USERNAME_TEMPLATE = "{{randomUsername}}";
const RANDOM_USERNAME_LENGTH = 32;

export interface TemplateInputs {
  /** The machine identity or person asking; sanitised before use. */
  identityName: string;
  dynamicSecretName: string;
  now: Date;
  /** `length` characters from [a-z0-9], from a CSPRNG. */
  randomString?: (length: number) => string;
}

/** A person's or machine's name in IAM's user-name characters: every other character becomes "-". */
export function sanitizeIamName(name: string): string {
  const cleaned = Array.from(name.normalize("NFKD"))
    .map((ch) => (/^[A-Za-z0-9+=,.@_-]$/.test(ch) ? ch : /^\p{M}$/u.test(ch) ? "" : "-"))
    .join("")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return (cleaned || "unknown").slice(0, IAM_USER_NAME_MAX);
}

/** `length` characters from [a-z0-9] using the platform CSPRNG (Web Crypto: Node 20 and browsers). */
export function secureRandomString(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  // 252 = 7 × 36: bytes at or above it are dropped so every character is equally likely.
  let out = "";
  while (out.length < length) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < 252 && out.length < length) out += alphabet[byte % 36];
    }
  }
  return out;
}

function variableValue(name: TemplateVariable, inputs: Required<TemplateInputs>): string {
  switch (name) {
    case "randomUsername":
      return inputs.randomString(RANDOM_USERNAME_LENGTH);
    case "unixTimestamp":
      return String(Math.floor(inputs.now.getTime() / 1000));
    case "identity.name":
      return sanitizeIamName(inputs.identityName);
    case "dynamicSecret.name":
      return sanitizeIamName(inputs.dynamicSecretName);
  }
}

function callValue(call: HelperCall, inputs: Required<TemplateInputs>): string {
  switch (call.helper) {
    case "random":
      return inputs.randomString(call.length);
    case "truncate":
      return Array.from(evaluate(call.value, inputs)).slice(0, call.length).join("");
    case "replace":
      return call.from === ""
        ? evaluate(call.value, inputs)
        : evaluate(call.value, inputs).split(call.from).join(call.to);
    case "uppercase":
      return evaluate(call.value, inputs).toUpperCase();
    case "lowercase":
      return evaluate(call.value, inputs).toLowerCase();
  }
}

function evaluate(arg: Arg, inputs: Required<TemplateInputs>): string {
  switch (arg.kind) {
    case "string":
      return arg.value;
    case "number":
      return String(arg.value);
    case "variable":
      return variableValue(arg.name, inputs);
    case "call":
      return callValue(arg.call, inputs);
  }
}

/** Why a rendered name is not a valid IAM user name, or null when it is one. */
function iamUserNameProblem(name: string): string | null {
  if (name.length === 0) return "it is empty";
  if (name.length > IAM_USER_NAME_MAX)
    return `it has ${name.length} characters; IAM allows at most ${IAM_USER_NAME_MAX}`;
  const bad = Array.from(new Set(Array.from(name).filter((ch) => !/^[A-Za-z0-9+=,.@_-]$/.test(ch))));
  if (bad.length)
    return (
      `it contains ${bad.map((ch) => JSON.stringify(ch)).join(", ")}; ` +
      "IAM allows only letters, digits and + = , . @ _ -"
    );
  return null;
}

/**
 * Renders a template into an IAM user name. Every result is checked against IAM's rule, so
 * an invalid name is never sent to AWS: it becomes a UsernameTemplateError that says why.
 */
export function renderUsernameTemplate(
  template: string | ParsedTemplate | null | undefined,
  inputs: TemplateInputs,
): string {
  const parsed =
    typeof template === "object" && template !== null
      ? template
      : parseUsernameTemplate(template || DEFAULT_USERNAME_TEMPLATE);
  const full: Required<TemplateInputs> = { randomString: secureRandomString, ...inputs };
  const name = parsed.parts.map((part) => (part.kind === "text" ? part.text : evaluate(part.expr, full))).join("");
  const problem = iamUserNameProblem(name);
  if (problem) {
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    throw new UsernameTemplateError(
      `The username template renders "${shown}", which is not a valid IAM user name: ${problem}. ` +
        "Shorten it (for example with {{truncate identity.name 20}}) or remove the characters IAM refuses.",
    );
  }
  return name;
}

/**
 * The save-time check: the template parses, and a sample render with a long, awkward name
 * is a valid IAM user name. Returns the sample, or throws UsernameTemplateError.
 */
export function checkUsernameTemplate(template: string, dynamicSecretName: string, now = new Date()): string {
  const parsed = parseUsernameTemplate(template);
  return renderUsernameTemplate(parsed, { identityName: "sample-identity", dynamicSecretName, now });
}
