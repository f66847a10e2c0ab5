// `leasehold aws configure-profile`: puts a `[profile NAME]` with `credential_process` into the
// AWS config file (AWS_CONFIG_FILE, else ~/.aws/config), keeping every other line as it was.
import { homedir } from "node:os";
import { join } from "node:path";

export function awsConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_CONFIG_FILE || join(env.HOME || homedir(), ".aws", "config");
}

export { shellWord as quoteWord } from "#shared/shell-word.ts";

const header = (profile: string) => (profile === "default" ? "[default]" : `[profile ${profile}]`);

/** The config text with the profile set to `settings` (other keys of that profile are kept). */
export function withProfile(text: string, profile: string, settings: Record<string, string>): string {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const start = lines.findIndex((line) => line.trim() === header(profile));
  const rendered = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  if (start === -1) {
    const gap = lines.length && lines[lines.length - 1]!.trim() !== "" ? [""] : [];
    return `${[...lines, ...gap, header(profile), ...rendered].join("\n")}\n`;
  }
  let end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
  if (end === -1) end = lines.length;
  const body = lines.slice(start + 1, end);
  const kept = body.filter((line) => {
    const key = /^\s*([A-Za-z0-9_]+)\s*=/.exec(line)?.[1];
    return !(key && key in settings);
  });
  // Settings go right under the header; trailing blank lines stay before the next section.
  const trailing: string[] = [];
  while (kept.length && kept[kept.length - 1]!.trim() === "") trailing.unshift(kept.pop()!);
  const section = [header(profile), ...rendered, ...kept, ...trailing];
  return `${[...lines.slice(0, start), ...section, ...lines.slice(end)].join("\n")}\n`;
}

/** A line diff of two small files (an LCS table), in unified style with 2 lines of context. */
export function lineDiff(before: string, after: string, name: string): string {
  const a = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const b = after.replace(/\n$/, "").split("\n");
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: [" " | "-" | "+", string][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push([" ", a[i]!]);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(["-", a[i++]!]);
    else ops.push(["+", b[j++]!]);
  }
  const near = (index: number) => ops.slice(Math.max(0, index - 2), index + 3).some(([op]) => op !== " ");
  const shown = ops.map(([op, line], index) => (near(index) ? `${op}${line}` : null));
  const body = shown.filter((line, index) => line !== null || shown[index - 1] !== null).map((l) => l ?? "…");
  return [`--- ${name}`, `+++ ${name}`, ...body].join("\n");
}
