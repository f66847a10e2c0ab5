import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkUsernameTemplate,
  IAM_USER_NAME_RE,
  parseUsernameTemplate,
  renderUsernameTemplate,
  sanitizeIamName,
  secureRandomString,
  TEMPLATE_VARIABLES,
  UsernameTemplateError,
} from "./username-template.ts";

const now = new Date("2026-03-01T12:00:00Z");
const fixedRandom = (n: number) => "r".repeat(n);
const render = (template: string, identityName = "ci-runner", dynamicSecretName = "payments") =>
  renderUsernameTemplate(template, { identityName, dynamicSecretName, now, randomString: fixedRandom });

/** Either a valid IAM user name or a clear UsernameTemplateError: nothing else may come out. */
function renderOutcome(template: string, identityName: string, dynamicSecretName = "payments") {
  try {
    return { ok: true as const, name: renderUsernameTemplate(template, { identityName, dynamicSecretName, now }) };
  } catch (error) {
    if (error instanceof UsernameTemplateError) return { ok: false as const, message: error.message };
    throw error;
  }
}

// Templates built from the grammar: text of IAM characters, variables and helpers nested up to 3 deep.
const iamText = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{0,8}$/);
const variable = fc.constantFrom(...TEMPLATE_VARIABLES);
const quoted = fc.stringMatching(/^[A-Za-z0-9._-]{0,4}$/).map((s) => `"${s}"`);
const valueExpr: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(variable, quoted)
    : fc.oneof(
        variable,
        quoted,
        fc.tuple(valueExpr(depth - 1), fc.integer({ min: 1, max: 64 })).map(([v, n]) => `(truncate ${v} ${n})`),
        fc.tuple(valueExpr(depth - 1), quoted, quoted).map(([v, a, b]) => `(replace ${v} ${a} ${b})`),
        valueExpr(depth - 1).map((v) => `(uppercase ${v})`),
        valueExpr(depth - 1).map((v) => `(lowercase ${v})`),
        fc.integer({ min: 1, max: 64 }).map((n) => `(random ${n})`),
      ),
);
const mustache = fc
  .oneof(
    variable,
    fc.integer({ min: 1, max: 64 }).map((n) => `random ${n}`),
    fc.tuple(valueExpr(3), fc.integer({ min: 1, max: 64 })).map(([v, n]) => `truncate ${v} ${n}`),
    fc.tuple(valueExpr(3), quoted, quoted).map(([v, a, b]) => `replace ${v} ${a} ${b}`),
    valueExpr(3).map((v) => `lowercase ${v}`),
    valueExpr(3).map((v) => `uppercase ${v}`),
  )
  .map((e) => `{{${e}}}`);
const grammarTemplate = fc
  .array(fc.oneof(iamText, mustache), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""));

// Any name a person or machine might have: unicode, emoji, spaces, quotes, very long.
const anyName = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constant(""),
  fc.constant("Zoë O'Brien (ops) 🚀"),
);

describe("username template: the variables and helpers of API.md", () => {
  it("renders each variable", () => {
    expect(render("{{randomUsername}}")).toBe("r".repeat(32));
    expect(render("{{unixTimestamp}}")).toBe(String(now.getTime() / 1000));
    expect(render("{{identity.name}}")).toBe("ci-runner");
    expect(render("{{dynamicSecret.name}}")).toBe("payments");
  });

  it("renders each helper, nested and with literal text", () => {
    expect(render("lh-{{random 5}}")).toBe("lh-rrrrr");
    expect(render("{{truncate identity.name 2}}")).toBe("ci");
    expect(render('{{replace identity.name "-" "_"}}')).toBe("ci_runner");
    expect(render("{{uppercase dynamicSecret.name}}")).toBe("PAYMENTS");
    expect(render("{{lowercase (uppercase identity.name)}}")).toBe("ci-runner");
    expect(render('{{ truncate (replace identity.name "ci" "build") 5 }}-{{random 3}}')).toBe("build-rrr");
  });

  it("sanitises identity.name to IAM's characters", () => {
    expect(render("{{identity.name}}", "Zoë O'Brien")).toBe("Zoe-O-Brien");
    expect(render("{{identity.name}}", "ada@example.com")).toBe("ada@example.com");
    expect(sanitizeIamName("   ")).toBe("unknown");
    expect(sanitizeIamName("x".repeat(300))).toHaveLength(64);
  });

  it("uses the default template when none is set", () => {
    expect(renderUsernameTemplate(null, { identityName: "x", dynamicSecretName: "y", now })).toMatch(/^[a-z0-9]{32}$/);
  });

  it.each([
    ["{{constructor}}", /Unknown variable or helper "constructor"/],
    ["{{identity.constructor}}", /Unknown variable/],
    ["{{__proto__}}", /Unexpected "_"/],
    ["{{lookup identity 'name'}}", /Unknown variable or helper "lookup"/],
    ["{{#each identity}}x{{/each}}", /no blocks/],
    ["{{> partial}}", /no blocks, partials/],
    ["{{{identity.name}}}", /triple braces/],
    ["{{! comment }}", /comments/],
    ["{{random 0}}", /N must be a number from 1 to 64/],
    ["{{random 65}}", /N must be a number from 1 to 64/],
    ["{{random}}", /ends where a value was expected/],
    ["{{truncate identity.name}}", /ends where a value was expected/],
    ["{{replace identity.name a b}}", /Unknown variable or helper "a"/],
    ["{{replace identity.name 'a'}}", /ends where a value was expected/],
    ["{{identity.name", /is not closed/],
    ["name}}", /has no matching/],
    ["{{truncate truncate 3}}", /must be wrapped in parentheses/],
    ["{{(random 3}}", /not closed with "\)"/],
    ["{{}}", /is empty/],
    ["{{identity.name identity.name}}", /Unexpected input/],
  ])("refuses %s with a message that says why", (template, message) => {
    expect(() => parseUsernameTemplate(template)).toThrow(message);
  });

  it("refuses a render that is not a valid IAM user name, saying why", () => {
    expect(() => render("{{random 64}}{{random 1}}")).toThrow(/65 characters; IAM allows at most 64/);
    expect(() => render("lh {{random 3}}")).toThrow(/contains " "/);
    expect(() => render('{{replace identity.name "-" "/"}}')).toThrow(/contains "\/"/);
    expect(() => checkUsernameTemplate("{{random 60}}-{{dynamicSecret.name}}", "a-long-dynamic-secret-name")).toThrow(
      UsernameTemplateError,
    );
  });

  it("draws random strings from [a-z0-9] of the asked length", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        (n) => /^[a-z0-9]+$/.test(secureRandomString(n)) && secureRandomString(n).length === n,
      ),
    );
  });
});

describe("username template properties (fast-check)", () => {
  it("every template from the grammar parses", () => {
    fc.assert(
      fc.property(grammarTemplate, (template) => {
        fc.pre(template.length <= 256);
        parseUsernameTemplate(template);
      }),
      { numRuns: 500 },
    );
  });

  it("every accepted template, for any identity name, renders a valid IAM user name or a clear error", () => {
    fc.assert(
      fc.property(grammarTemplate, anyName, anyName, (template, identityName, secretName) => {
        fc.pre(template.length <= 256);
        const outcome = renderOutcome(template, identityName, secretName);
        if (outcome.ok) expect(outcome.name).toMatch(IAM_USER_NAME_RE);
        else expect(outcome.message).toMatch(/not a valid IAM user name: .+ (characters|contains|empty)/);
      }),
      { numRuns: 1000 },
    );
  });

  it("templates that pass the save-time check render a valid name for any identity name, or say why", () => {
    fc.assert(
      fc.property(grammarTemplate, anyName, (template, identityName) => {
        fc.pre(template.length <= 256);
        try {
          checkUsernameTemplate(template, "payments");
        } catch (error) {
          expect(error).toBeInstanceOf(UsernameTemplateError);
          return;
        }
        const outcome = renderOutcome(template, identityName);
        expect(outcome.ok ? outcome.name : outcome.message).toMatch(
          outcome.ok ? IAM_USER_NAME_RE : /not a valid IAM user name/,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("arbitrary text never escapes the parser: it parses or throws UsernameTemplateError, nothing else", () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            "{{",
            "}}",
            "(",
            ")",
            '"',
            "'",
            " ",
            "identity.name",
            "random",
            "constructor",
            "__proto__",
            "1",
            "#if",
            "this",
            ".",
            "\\",
          ),
          { maxLength: 30 },
        )
        .map((p) => p.join("")),
    );
    fc.assert(
      fc.property(hostile, anyName, (template, identityName) => {
        try {
          const name = renderUsernameTemplate(template || "{{randomUsername}}", {
            identityName,
            dynamicSecretName: "x",
            now,
          });
          expect(name).toMatch(IAM_USER_NAME_RE);
        } catch (error) {
          expect(error).toBeInstanceOf(UsernameTemplateError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("sanitised names only ever hold IAM characters", () => {
    fc.assert(fc.property(anyName, (name) => /^[A-Za-z0-9+=,.@_-]{1,64}$/.test(sanitizeIamName(name))));
  });
});
