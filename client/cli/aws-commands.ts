// `leasehold aws credential-process` and `leasehold aws configure-profile`.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { COMMON_OPTIONS, duration, EXIT, LOCATION_OPTIONS, parse, required, UsageError } from "./args.ts";
import { awsConfigFile, lineDiff, quoteWord, withProfile } from "./aws-config.ts";
import { type Io, resolveTarget, sessionFor } from "./context.ts";
import { credentialProcessJson } from "./formats.ts";
import { leasedCredentials } from "./lease-cache.ts";

const LEASE_OPTIONS = {
  ...COMMON_OPTIONS,
  ...LOCATION_OPTIONS,
  secret: { type: "string" },
  ttl: { type: "string" },
  "renew-before": { type: "string" },
  "sts-endpoint": { type: "string" },
} as const;

/** Set while credential-process signs its login: a nested call means the chain points back at us. */
const NESTED = "LEASEHOLD_IN_CREDENTIAL_PROCESS";

export async function credentialProcess(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, LEASE_OPTIONS);
  if (io.env[NESTED]) {
    io.stderr(
      "leasehold: the AWS credentials this machine logs in with come from a Leasehold credential_process " +
        "profile (AWS_PROFILE?): log in with the machine's own role or keys instead\n",
    );
    return EXIT.unauthenticated;
  }
  const spec = {
    secret: required(values, "secret"),
    project: required(values, "project"),
    env: required(values, "env"),
    path: `${values.path}`,
    ttlSeconds: duration(values, "ttl"),
    renewBeforeSeconds: duration(values, "renew-before"),
  };
  const target = await resolveTarget(values, io);
  io.env[NESTED] = "1";
  process.env[NESTED] = "1"; // the AWS SDK's own child processes read process.env
  const { credentials } = await leasedCredentials(sessionFor(target, io), target, spec, {
    env: io.env,
    warn: (message) => io.stderr(`leasehold: ${message}\n`),
  });
  io.stdout(`${credentialProcessJson(credentials)}\n`);
  return EXIT.ok;
}

/** How to start this CLI again from a config file: the bundled file by absolute path, or the `leasehold` bin. */
function selfCommand(): string[] {
  const script = process.argv[1] ? resolve(process.argv[1]) : "";
  if (/\.(mjs|cjs|js)$/.test(script) && !script.includes("/node_modules/.bin/")) return [process.execPath, script];
  return ["leasehold"];
}

export async function configureProfile(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...LEASE_OPTIONS,
    region: { type: "string" },
    command: { type: "string" },
    "config-file": { type: "string" },
    yes: { type: "boolean", short: "y" },
    "dry-run": { type: "boolean" },
  });
  const profile = positionals[0];
  if (!profile || !/^[A-Za-z0-9_.+@-]+$/.test(profile)) {
    throw new UsageError("Name the profile: `leasehold aws configure-profile NAME --secret … --project …`");
  }
  const target = await resolveTarget(values, io);
  const words = [
    ...(values.command ? [values.command] : selfCommand()),
    "aws",
    "credential-process",
    "--url",
    target.url,
    "--identity-id",
    target.identityId,
    "--secret",
    required(values, "secret"),
    "--project",
    required(values, "project"),
    "--env",
    required(values, "env"),
  ];
  if (values.path !== "/") words.push("--path", `${values.path}`);
  duration(values, "ttl"); // refuse a bad duration now, not at the first AWS call
  duration(values, "renew-before");
  for (const flag of ["ttl", "renew-before", "sts-endpoint"] as const) {
    if (values[flag] !== undefined) words.push(`--${flag}`, `${values[flag]}`);
  }
  // The command itself may contain spaces (a path): quote it, but keep the first word as given by --command.
  const command = values.command ? [values.command, ...words.slice(1).map(quoteWord)] : words.map(quoteWord);
  const settings: Record<string, string> = { credential_process: command.join(" ") };
  if (values.region) settings.region = values.region;

  const file = values["config-file"] ?? awsConfigFile(io.env);
  const before = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const after = withProfile(before, profile, settings);
  if (after === before) {
    io.stdout(`${file} already has this profile; nothing to change\n`);
    return EXIT.ok;
  }
  io.stdout(`${lineDiff(before, after, file)}\n`);
  if (values["dry-run"]) return EXIT.ok;
  if (!values.yes) {
    if (!io.isTty) {
      io.stderr("leasehold: not changing the file without confirmation: re-run with --yes\n");
      return EXIT.usage;
    }
    io.stderr(`Write this to ${file}? [y/N] `);
    if (!/^y(es)?$/i.test((await io.readLine()).trim())) {
      io.stderr("Nothing written\n");
      return EXIT.failure;
    }
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, after, { mode: 0o600 });
  io.stdout(`Wrote the profile ${profile} to ${file}; try: aws sts get-caller-identity --profile ${profile}\n`);
  return EXIT.ok;
}
