import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCallerIdentityAnswer, type StsVerdict } from "./caller-identity-answer.ts";

/**
 * Property tests of the STS answer parser: whatever a hostile or broken endpoint sends, the
 * parser returns a verdict (never throws, which the login would turn into a 500), and it says
 * "verified" only for a well-formed GetCallerIdentity answer, judged here by an independent
 * oracle on the generated tree rather than by re-running the parser.
 */

const RUNS = 3000;

interface Element {
  name: string;
  children: Element[] | string;
}

const ELEMENT_NAMES = [
  "GetCallerIdentityResponse",
  "GetCallerIdentityResult",
  "ResponseMetadata",
  "RequestId",
  "Arn",
  "Account",
  "UserId",
  "ErrorResponse",
  "Error",
  "Code",
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__type",
];
const elementName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ELEMENT_NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,12}$/) },
);
const text = fc.oneof(
  fc.constantFrom("arn:aws:iam::123456789012:user/ci", "123456789012", "AIDAEXAMPLE", "", "0"),
  fc.stringMatching(/^[A-Za-z0-9:/ _-]{0,20}$/),
);

const { element } = fc.letrec<{ element: Element }>((tie) => ({
  element: fc.record({
    name: elementName,
    children: fc.oneof(
      { weight: 2, arbitrary: text },
      { weight: 1, arbitrary: fc.array(tie("element"), { maxLength: 4 }) },
    ),
  }),
}));

/** A tree shaped like a real answer, with generated noise and dangerous names mixed in. */
const answerTree = fc
  .record({
    arn: fc.option(text, { nil: undefined }),
    account: fc.option(fc.oneof(text, fc.stringMatching(/^\d{12}$/)), { nil: undefined }),
    userId: fc.option(text, { nil: undefined }),
    resultNoise: fc.array(element, { maxLength: 2 }),
    responseNoise: fc.array(element, { maxLength: 2 }),
    rootName: fc.oneof(
      { weight: 4, arbitrary: fc.constant("GetCallerIdentityResponse") },
      { weight: 1, arbitrary: elementName },
    ),
    extraRoots: fc.array(element, { maxLength: 1 }),
  })
  .map(({ arn, account, userId, resultNoise, responseNoise, rootName, extraRoots }): Element[] => {
    const leaf = (name: string, value: string | undefined) => (value === undefined ? [] : [{ name, children: value }]);
    const result: Element = {
      name: "GetCallerIdentityResult",
      children: [...leaf("Arn", arn), ...leaf("Account", account), ...leaf("UserId", userId), ...resultNoise],
    };
    return [{ name: rootName, children: [result, ...responseNoise] }, ...extraRoots];
  });

const escapeXml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const toXml = (e: Element): string =>
  `<${e.name}>${typeof e.children === "string" ? escapeXml(e.children) : e.children.map(toXml).join("")}</${e.name}>`;

/** JSON of a tree; like the AWS JSON protocol, a repeated name becomes an array. */
function toJsonValue(e: Element): unknown {
  if (typeof e.children === "string") return e.children;
  const object: Record<string, unknown> = {};
  for (const child of e.children) {
    const value = toJsonValue(child);
    const previous = Object.hasOwn(object, child.name) ? object[child.name] : undefined;
    const next = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    Object.defineProperty(object, child.name, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return object;
}
const toJson = (roots: Element[]) => {
  const top: Record<string, unknown> = {};
  for (const root of roots) {
    Object.defineProperty(top, root.name, { value: toJsonValue(root), enumerable: true, configurable: true });
  }
  return JSON.stringify(top);
};

/** The oracle: the identity a well-formed answer carries, or null when the tree is not one. */
function expectedCaller(roots: Element[]): { arn: string; account: string; userId: string } | null {
  if (roots.length !== 1 || roots[0]!.name !== "GetCallerIdentityResponse") return null;
  const only = (parent: Element, name: string): Element | null => {
    if (typeof parent.children === "string") return null;
    const matches = parent.children.filter((c) => c.name === name);
    return matches.length === 1 ? matches[0]! : null;
  };
  const result = only(roots[0]!, "GetCallerIdentityResult");
  if (!result) return null;
  const value = (name: string) => {
    const leaf = only(result, name);
    return leaf && typeof leaf.children === "string" && leaf.children.trim() !== "" ? leaf.children.trim() : null;
  };
  const [arn, account, userId] = [value("Arn"), value("Account"), value("UserId")];
  if (!arn || !account || !userId || !/^\d{12}$/.test(account)) return null;
  return { arn, account, userId };
}

const read = (status: number, contentType: string | null, body: string): StsVerdict => {
  let verdict: StsVerdict | undefined;
  expect(() => {
    verdict = readCallerIdentityAnswer({ status, contentType, body });
  }).not.toThrow();
  return verdict!;
};

describe("readCallerIdentityAnswer under generated answers", () => {
  it("never throws on arbitrary bytes, any status and Content-Type; verifies none of them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.constantFrom("text/xml", "application/xml", "application/json", "text/html", null),
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.json(), element.map(toXml)),
        (status, contentType, body) => {
          const verdict = read(status, contentType, body);
          // A random body is a well-formed answer only by a miracle; status alone must not verify.
          if (verdict.kind === "verified") expect(status).toBe(200);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("XML: verified exactly when the oracle finds one well-formed answer, with its identity", () => {
    fc.assert(
      fc.property(answerTree, fc.constantFrom("text/xml", "application/xml; charset=utf-8"), (roots, type) => {
        const verdict = read(200, type, roots.map(toXml).join(""));
        const expected = expectedCaller(roots);
        const dangerous = JSON.stringify(roots).match(/"name":"(__proto__|constructor|prototype)"/);
        // fast-xml-parser refuses these names outright, so such a document is never verified.
        if (expected && !dangerous) expect(verdict).toEqual({ kind: "verified", caller: expected });
        else expect(verdict.kind).not.toBe("verified");
      }),
      { numRuns: RUNS },
    );
  });

  it("JSON: verified exactly when the oracle finds one well-formed answer, with its identity", () => {
    fc.assert(
      fc.property(answerTree, (roots) => {
        const verdict = read(200, "application/json", toJson(roots));
        const expected = expectedCaller(roots);
        if (expected) expect(verdict).toEqual({ kind: "verified", caller: expected });
        else expect(verdict.kind).not.toBe("verified");
      }),
      { numRuns: RUNS },
    );
  });

  it("error bodies (4xx, 5xx) with generated elements never throw and never verify", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        fc.oneof(
          element.map((e) => toXml({ name: "ErrorResponse", children: [{ name: "Error", children: [e] }] })),
          answerTree.map((roots) => roots.map(toXml).join("")),
          answerTree.map(toJson),
        ),
        (status, body) => {
          const verdict = read(status, "text/xml", body);
          expect(verdict.kind).toBe(status >= 500 ? "unavailable" : "rejected");
        },
      ),
      { numRuns: RUNS },
    );
  });
});
