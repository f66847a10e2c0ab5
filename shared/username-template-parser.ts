// The parser of username templates (see username-template.ts for the language and why it
// is ours): text and {{expressions}} of four variables and five helpers, nothing else.
//
//   template  := (text | "{{" expr "}}")*
//   expr      := variable | helper arg*
//   arg       := variable | "string" | 'string' | integer | "(" helper arg* ")"

export const IAM_USER_NAME_MAX = 64;
export const USERNAME_TEMPLATE_MAX_LENGTH = 256;
const MAX_NESTING = 4;

export const TEMPLATE_VARIABLES = ["randomUsername", "unixTimestamp", "identity.name", "dynamicSecret.name"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export type Arg =
  | { kind: "variable"; name: TemplateVariable }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "call"; call: HelperCall };

export type HelperCall =
  | { helper: "random"; length: number }
  | { helper: "truncate"; value: Arg; length: number }
  | { helper: "replace"; value: Arg; from: string; to: string }
  | { helper: "uppercase" | "lowercase"; value: Arg };

type Part = { kind: "text"; text: string } | { kind: "expr"; expr: Arg };

export interface ParsedTemplate {
  readonly parts: readonly Part[];
}

/** A template that cannot be parsed, or that renders a name IAM would refuse. The message says how to fix it. */
export class UsernameTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsernameTemplateError";
  }
}

const HELPERS = {
  random: "{{random N}}, N from 1 to 64",
  truncate: "{{truncate X N}}",
  replace: '{{replace X "from" "to"}}',
  uppercase: "{{uppercase X}}",
  lowercase: "{{lowercase X}}",
} as const;
type HelperName = keyof typeof HELPERS;
const isHelper = (name: string): name is HelperName => Object.hasOwn(HELPERS, name);
const isVariable = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name);

const ALLOWED_SUMMARY =
  `Use the variables ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")} ` +
  `and the helpers ${Object.values(HELPERS).join(", ")}`;

type Token =
  | { kind: "word"; value: string; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "number"; value: number; at: number }
  | { kind: "open" | "close"; at: number };

function tokenize(source: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const at = offset + i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: c === "(" ? "open" : "close", at });
      i++;
    } else if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end === -1)
        throw new UsernameTemplateError(`The string starting at position ${at + 1} is not closed with ${c}`);
      tokens.push({ kind: "string", value: source.slice(i + 1, end), at });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]{1,3}(?![A-Za-z0-9_.])/.exec(source.slice(i));
      if (!match)
        throw new UsernameTemplateError(
          `"${source.slice(i).split(/\s/)[0]}" at position ${at + 1} is not a number from 0 to 999`,
        );
      tokens.push({ kind: "number", value: Number(match[0]), at });
      i += match[0].length;
    } else {
      const match = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?/.exec(source.slice(i));
      if (!match) throw new UsernameTemplateError(`Unexpected "${c}" at position ${at + 1}. ${ALLOWED_SUMMARY}.`);
      tokens.push({ kind: "word", value: match[0], at });
      i += match[0].length;
    }
  }
  return tokens;
}

class ExpressionParser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly where: string,
  ) {}

  parseTop(): Arg {
    const first = this.tokens[0];
    if (!first) throw new UsernameTemplateError(`${this.where} is empty. ${ALLOWED_SUMMARY}.`);
    const expr =
      first.kind === "word" && isHelper(first.value)
        ? { kind: "call" as const, call: this.parseCall(0) }
        : this.parseArg(0);
    const extra = this.tokens[this.index];
    if (extra)
      throw new UsernameTemplateError(
        `Unexpected input at position ${extra.at + 1} in ${this.where}. ${ALLOWED_SUMMARY}.`,
      );
    return expr;
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }

  private parseArg(depth: number): Arg {
    const token = this.next();
    if (!token) throw new UsernameTemplateError(`${this.where} ends where a value was expected`);
    switch (token.kind) {
      case "string":
        return { kind: "string", value: token.value };
      case "number":
        return { kind: "number", value: token.value };
      case "open": {
        if (depth + 1 > MAX_NESTING)
          throw new UsernameTemplateError(`${this.where} nests helpers more than ${MAX_NESTING} deep`);
        const call = this.parseCall(depth + 1);
        const close = this.next();
        if (close?.kind !== "close") throw new UsernameTemplateError(`A "(" in ${this.where} is not closed with ")"`);
        return { kind: "call", call };
      }
      case "close":
        throw new UsernameTemplateError(`Unexpected ")" at position ${token.at + 1}`);
      case "word":
        if (isVariable(token.value)) return { kind: "variable", name: token.value };
        if (isHelper(token.value)) {
          throw new UsernameTemplateError(
            `The helper "${token.value}" must be wrapped in parentheses when used as a value, ` +
              `e.g. (${token.value} …)`,
          );
        }
        throw new UsernameTemplateError(`Unknown variable or helper "${token.value}". ${ALLOWED_SUMMARY}.`);
    }
  }

  private parseCall(depth: number): HelperCall {
    const token = this.next();
    if (token?.kind !== "word" || !isHelper(token.value)) {
      throw new UsernameTemplateError(`Expected a helper name in ${this.where}. ${ALLOWED_SUMMARY}.`);
    }
    const helper = token.value;
    const usage = `Use it as ${HELPERS[helper]}`;
    const number = (min: number, max: number, what: string) => {
      const arg = this.parseArg(depth);
      if (arg.kind !== "number" || arg.value < min || arg.value > max)
        throw new UsernameTemplateError(`${helper}: ${what} must be a number from ${min} to ${max}. ${usage}.`);
      return arg.value;
    };
    const string = (what: string) => {
      const arg = this.parseArg(depth);
      if (arg.kind !== "string")
        throw new UsernameTemplateError(`${helper}: ${what} must be a quoted string. ${usage}.`);
      return arg.value;
    };
    const value = () => {
      const arg = this.parseArg(depth);
      if (arg.kind === "number")
        throw new UsernameTemplateError(
          `${helper}: the first argument must be a variable, a string or a helper in parentheses. ${usage}.`,
        );
      return arg;
    };
    switch (helper) {
      case "random":
        return { helper, length: number(1, IAM_USER_NAME_MAX, "N") };
      case "truncate":
        return { helper, value: value(), length: number(1, IAM_USER_NAME_MAX, "N") };
      case "replace":
        return { helper, value: value(), from: string("from"), to: string("to") };
      case "uppercase":
      case "lowercase":
        return { helper, value: value() };
    }
  }
}

/** Parses a template; throws UsernameTemplateError naming the problem and its position. */
export function parseUsernameTemplate(template: string): ParsedTemplate {
  if (template.length > USERNAME_TEMPLATE_MAX_LENGTH) {
    throw new UsernameTemplateError(`A username template has at most ${USERNAME_TEMPLATE_MAX_LENGTH} characters`);
  }
  const parts: Part[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{{", i);
    const closeBefore = template.indexOf("}}", i);
    if (closeBefore !== -1 && (open === -1 || closeBefore < open)) {
      throw new UsernameTemplateError(`"}}" at position ${closeBefore + 1} has no matching "{{"`);
    }
    if (open === -1) {
      parts.push({ kind: "text", text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: "text", text: template.slice(i, open) });
    const close = template.indexOf("}}", open + 2);
    if (close === -1) throw new UsernameTemplateError(`"{{" at position ${open + 1} is not closed with "}}"`);
    const inner = template.slice(open + 2, close);
    if (/^[{#/>!&^]/.test(inner.trimStart())) {
      throw new UsernameTemplateError(
        "Only plain {{expressions}} are supported (no blocks, partials, comments or triple braces), " +
          `at position ${open + 1}. ${ALLOWED_SUMMARY}.`,
      );
    }
    const where = `{{${inner}}} at position ${open + 1}`;
    parts.push({ kind: "expr", expr: new ExpressionParser(tokenize(inner, open + 2), where).parseTop() });
    i = close + 2;
  }
  return { parts };
}
