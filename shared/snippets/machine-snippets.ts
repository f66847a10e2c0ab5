// The "Leasehold CLI" and "AWS profile (credential_process)" snippets of the identity page.
// As with the login snippets, the dashboard renders these templates and the integration suite
// renders the same ones the same way and runs them (bash; an AWS SDK reading the profile).
import { shellWord } from "../shell-word.ts";
import { parseStsEndpoint } from "../sts-endpoint.ts";
import profileTemplate from "./aws-profile.ini?raw";
import cliTemplate from "./leasehold-cli.sh?raw";
import type { LoginSnippetContext } from "./login-snippets.ts";
import { renderTemplate } from "./login-snippets.ts";

/** A dynamic secret the identity can lease from: where it lives and its AWS region. */
export interface LeaseTarget {
  secretName: string;
  projectSlug: string;
  environmentSlug: string;
  path: string;
  awsRegion: string;
}

export interface MachineSnippetContext extends Omit<LoginSnippetContext, "serverId"> {
  lease: LeaseTarget;
}

export const MACHINE_SNIPPETS = [
  {
    id: "cli",
    title: "Leasehold CLI",
    description: "Log in and lease keys into a shell, a CI job or a container entrypoint.",
    language: "shell",
    template: cliTemplate,
  },
  {
    id: "aws-profile",
    title: "AWS profile (credential_process)",
    description: "Every AWS SDK and the AWS CLI call the CLI for keys, renewed before they expire.",
    language: "ini",
    template: profileTemplate,
  },
] as const;
export type MachineSnippetId = (typeof MACHINE_SNIPPETS)[number]["id"];

/** Values are shell words (quoted only when they need it), valid both in bash and in credential_process. */
export function renderMachineSnippet(template: string, context: MachineSnippetContext): string {
  const parsed = parseStsEndpoint(context.stsEndpoint);
  const fixed = parsed.ok && parsed.endpoint.kind !== "global" ? parsed.endpoint : null;
  const values: Record<string, string> = {
    serverUrl: context.serverUrl.replace(/\/+$/, ""),
    identityId: context.identityId,
    stsEndpoint: fixed ? fixed.url : "",
    ...context.lease,
  };
  const path = context.lease.path === "/" ? "" : ` --path ${shellWord(context.lease.path)}`;
  const rendered = renderTemplate(
    template,
    values,
    { "any-region": !fixed, "fixed-endpoint": Boolean(fixed) },
    shellWord,
  );
  // The folder is only spelled out when it is not the default one.
  return rendered.replace(/(--env \S+)/g, `$1${path}`);
}
