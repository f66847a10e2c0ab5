// The "How to log in from AWS" snippets. The dashboard renders these templates for an
// identity, and the integration suite renders the same templates the same way and runs
// them against a real server, so what people copy is what CI proves works.
// (`?raw` imports need Vite: the dashboard and vitest load this file, the server does not.)
import { parseStsEndpoint } from "../sts-endpoint.ts";
import nodeTemplate from "./aws-auth-login.node.mjs?raw";
import pythonTemplate from "./aws-auth-login.py?raw";
import stepsTemplate from "./aws-auth-login.steps.txt?raw";

export interface LoginSnippetContext {
  /** The Leasehold origin the machine calls, e.g. https://leasehold.example.com. */
  serverUrl: string;
  identityId: string;
  /** The server ID to send in X-Leasehold-Server-ID, or null when the identity does not require it. */
  serverId: string | null;
  /** The identity's STS endpoint; a specific one fixes the region and host to sign for. */
  stsEndpoint: string;
}

export const LOGIN_SNIPPETS = [
  {
    id: "node",
    title: "Node.js",
    description: "Lambda, EC2, ECS or any Node.js 18+ runtime, with AWS SDK v3's signer.",
    language: "javascript",
    template: nodeTemplate,
  },
  {
    id: "python",
    title: "Python",
    description: "Lambda, EC2 or any Python 3 runtime, with botocore's SigV4 signer.",
    language: "python",
    template: pythonTemplate,
  },
  {
    id: "steps",
    title: "Any language",
    description: "The raw steps, for any language with a SigV4 signer.",
    language: "text",
    template: stepsTemplate,
  },
] as const;
export type LoginSnippetId = (typeof LOGIN_SNIPPETS)[number]["id"];

const MARKER = /leasehold:([a-z-]+):(begin|end)/;

/** Inside a double-quoted JS or Python string literal, JSON's escaping is valid in both. */
const asStringLiteralContent = (value: string) => JSON.stringify(value).slice(1, -1);

/**
 * Fills a template: {{name}} placeholders, and blocks between `leasehold:<block>:begin`
 * and `…:end` marker lines, kept or dropped by the context (marker lines always go).
 */
export function renderLoginSnippet(template: string, context: LoginSnippetContext): string {
  const parsed = parseStsEndpoint(context.stsEndpoint);
  const fixed = parsed.ok && parsed.endpoint.kind !== "global" ? parsed.endpoint : null;
  const values: Record<string, string> = {
    serverUrl: context.serverUrl.replace(/\/+$/, ""),
    identityId: context.identityId,
    serverId: context.serverId ?? "",
    stsHost: fixed ? new URL(fixed.url).host : "",
    stsRegion: fixed ? fixed.region : "",
  };
  const blocks: Record<string, boolean> = {
    "server-id": context.serverId !== null,
    "any-region": !fixed,
    "fixed-endpoint": Boolean(fixed),
  };

  return renderTemplate(template, values, blocks, asStringLiteralContent);
}

/**
 * The template engine of every snippet: `{{name}}` placeholders filled with `escapeValue(value)`,
 * and blocks between `leasehold:<block>:begin` and `…:end` marker lines kept when
 * `blocks[block]` is true (marker lines always go).
 */
export function renderTemplate(
  template: string,
  values: Record<string, string>,
  blocks: Record<string, boolean>,
  escapeValue: (value: string) => string,
): string {
  const kept: string[] = [];
  const open: boolean[] = [];
  for (const line of template.split("\n")) {
    const marker = MARKER.exec(line);
    if (marker) {
      if (marker[2] === "begin") open.push(blocks[marker[1]!] ?? false);
      else open.pop();
      continue;
    }
    if (open.every(Boolean))
      kept.push(line.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => escapeValue(values[name] ?? "")));
  }
  return kept.join("\n");
}
