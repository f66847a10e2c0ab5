// The audit-log filters offer shared/audit-events.ts as the list of actions. `AuditEvent.action` is typed from it,
// so a call site cannot name another action without a cast; this test also catches one written through a cast or a
// `string` variable, and an entry of the list that the server no longer writes.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES } from "#shared/audit-events.ts";
import { ORG_PERMISSIONS, PROJECT_PERMISSIONS } from "#shared/permissions.ts";

const serverDir = fileURLToPath(new URL("../../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

// Every quoted "word.word" (words of lower-case letters and hyphens): the shape of an audit action, and also of
// a permission name or a file name, which are told apart below.
const DOTTED_LITERAL = /["'`]([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)["'`]/g;
const NOT_ACTIONS = new Set<string>([
  // Permission names ("project.update" is both a permission and an action: it stays in).
  ...[...Object.keys(ORG_PERMISSIONS), ...Object.keys(PROJECT_PERMISSIONS)].filter(
    (name) => !Object.hasOwn(AUDIT_ACTIONS, name),
  ),
  // File and host names.
  "index.html",
  "theme.js",
  "swagger-ui.css",
  "swagger-ui-bundle.js",
  "ipaddr.js",
  "root.key",
  "attacker.example",
  // A field path in a log line.
  "details.retryable",
]);

function dottedLiterals() {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(serverDir)) {
    for (const match of readFileSync(file, "utf8").matchAll(DOTTED_LITERAL)) {
      const literal = match[1]!;
      if (NOT_ACTIONS.has(literal)) continue;
      found.set(literal, [...(found.get(literal) ?? []), relative(serverDir, file)]);
    }
  }
  return found;
}

describe("the list of audit actions", () => {
  const literals = dottedLiterals();

  it("holds every action the server writes", () => {
    const unknown = [...literals].filter(([literal]) => !Object.hasOwn(AUDIT_ACTIONS, literal));
    expect(unknown, "add these to shared/audit-events.ts, or to NOT_ACTIONS if they are no action").toEqual([]);
  });

  it("holds no action the server never writes", () => {
    const unwritten = Object.keys(AUDIT_ACTIONS).filter((action) => !literals.has(action));
    expect(unwritten).toEqual([]);
  });

  it("groups each action under a known resource type", () => {
    for (const [action, info] of Object.entries(AUDIT_ACTIONS)) {
      expect(Object.hasOwn(AUDIT_RESOURCE_TYPES, info.resourceType), action).toBe(true);
    }
  });

  it("finds the actions where they are written (the scan itself works)", () => {
    expect(literals.get("lease.create")).toContain(join("modules", "dynamic-secrets", "leases", "lease-creation.ts"));
    expect(literals.get("lease.expire")).toContain(join("modules", "dynamic-secrets", "leases", "lease-revocation.ts"));
  });
});
