// The `leasehold` command: log in with AWS Auth, lease AWS credentials, and serve them to every
// AWS SDK through credential_process. Exit codes are in args.ts (EXIT) and in the help below.
import { createInterface } from "node:readline";
import { EXIT, UsageError } from "./args.ts";
import { configureProfile, credentialProcess } from "./aws-commands.ts";
import { type Io, reportError, VERSION } from "./context.ts";
import { lease, loginAws, token } from "./lease-commands.ts";

const SERVER = `  --url URL            the Leasehold server (or LEASEHOLD_URL, or the last \`login aws\`)
  --identity-id ID     the machine identity (or LEASEHOLD_IDENTITY_ID, or the last \`login aws\`)
  --sts-endpoint URL   sign logins for this STS endpoint (identities bound to a regional one)`;
const LOCATION = `  --project SLUG       the project
  --env SLUG           the environment
  --path PATH          the folder (default /)`;

const HELP: Record<string, string> = {
  "": `leasehold ${VERSION}: short-lived AWS credentials from Leasehold, for machines

Usage: leasehold <command> [options]

Commands:
  login aws                    log in with this machine's AWS credentials (AWS Auth)
  token renew | token revoke   renew the stored token now, or revoke it (log out)
  lease create | list | renew | revoke
                               lease AWS credentials from a dynamic secret, and manage leases
  aws credential-process       print credentials for AWS's credential_process (cached, renewed)
  aws configure-profile NAME   write a ~/.aws/config profile that uses credential-process

Every command takes --help. --json prints machine-readable output (errors go to stderr as JSON).

Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 login refused or no AWS credentials (401),
4 forbidden (403), 5 not found (404), 6 request refused as invalid (400, 409), 7 server unreachable,
failing or rate-limited (5xx, 429). Secrets are printed only on stdout, and only by the commands
that exist to print them; the token stays in $XDG_STATE_HOME/leasehold (mode 0600).`,
  "login aws": `Usage: leasehold login aws --identity-id ID --url URL [--sts-endpoint URL] [--json]

Signs STS GetCallerIdentity with this machine's AWS credentials (environment, shared config, web identity,
ECS/EKS, EC2 instance metadata: the AWS SDK default chain) and the server's X-Leasehold-Server-ID, and
trades it for an access token. The token is kept in a file only you can read, under
$XDG_STATE_HOME/leasehold (default ~/.local/state/leasehold), renewed when near expiry, and replaced by a
fresh login when it can no longer be renewed. The URL and identity become the defaults of later commands.

${SERVER}`,
  token: `Usage: leasehold token renew | leasehold token revoke [--url URL] [--identity-id ID] [--json]

renew: extend the stored token now (commands renew it by themselves when it is near expiry).
revoke: revoke the stored token at the server and delete it.`,
  lease: `Usage:
  leasehold lease create --secret NAME --project SLUG --env SLUG [--path /] [--ttl 1h]
                         [--format env|dotenv|json|credentials]
  leasehold lease list   --secret NAME --project SLUG --env SLUG [--path /] [--status active|all] [--json]
  leasehold lease renew  LEASE_ID --project SLUG --env SLUG [--path /] [--ttl 1h] [--json]
  leasehold lease revoke LEASE_ID --project SLUG --env SLUG [--path /] [--force] [--json]

create prints the credentials on stdout (env: \`export\` lines for eval; dotenv; json; credentials: an
~/.aws/credentials profile), with AWS_SESSION_TOKEN when the secret hands out temporary credentials.
The lease ID and expiry go to stderr.

${LOCATION}
${SERVER}`,
  "aws credential-process": `Usage: leasehold aws credential-process --secret NAME --project SLUG --env SLUG
                                        [--path /] [--ttl 1h] [--renew-before 20m] [--url URL] [--identity-id ID]

Prints {"Version":1,"AccessKeyId","SecretAccessKey","SessionToken"?,"Expiration"} for AWS's
credential_process. The lease is cached (mode 0600) and shared by parallel calls through a file lock.
When less than --renew-before is left (default 20 minutes, at most half the lease's TTL) it is renewed,
or replaced by a new lease when a renewal would pass the max TTL or the credentials are temporary.
Logs in by itself when there is no valid token. If the server cannot be reached, cached credentials
that have not expired are printed (with a warning on stderr).

${LOCATION}
${SERVER}`,
  "aws configure-profile": `Usage: leasehold aws configure-profile NAME --secret NAME --project SLUG --env SLUG
                                        [--path /] [--ttl 1h] [--region REGION] [--url URL] [--identity-id ID]
                                        [--config-file FILE] [--command CMD] [--yes] [--dry-run]

Writes [profile NAME] with credential_process = leasehold aws credential-process … into the AWS config
file (AWS_CONFIG_FILE, else ~/.aws/config), other lines untouched. Shows the diff first, then asks
(or --yes; --dry-run only shows it). --command sets how the profile starts this CLI (default: this
file's absolute path, or \`leasehold\`). Then: aws sts get-caller-identity --profile NAME

${LOCATION}
${SERVER}`,
};

function helpFor(words: string[]): string {
  for (let n = Math.min(words.length, 2); n >= 0; n--) {
    const text = HELP[words.slice(0, n).join(" ")];
    if (text !== undefined) return text;
  }
  return HELP[""]!;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  const json = argv.includes("--json");
  if (argv.length === 0 || argv[0] === "help" || argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${helpFor(argv[0] === "help" ? words.slice(1) : words)}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === "--version") {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [command, sub, ...rest] = argv;
  try {
    if (command === "login" && sub === "aws") await loginAws(rest, io);
    else if (command === "token") await token([sub ?? "", ...rest], io);
    else if (command === "lease") await lease([sub ?? "", ...rest], io);
    else if (command === "aws" && sub === "credential-process") return await credentialProcess(rest, io);
    else if (command === "aws" && sub === "configure-profile") return await configureProfile(rest, io);
    else throw new UsageError(`Unknown command: ${[command, sub].filter(Boolean).join(" ")}`);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, json);
  }
}

function processIo(): Io {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdin.isTTY),
    readLine: () =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin });
        rl.once("line", (line) => {
          rl.close();
          resolve(line);
        });
        rl.once("close", () => resolve(""));
      }),
  };
}

// Exit by setting the code, after stdout drains: a piped credential_process reader must get every byte.
run(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`leasehold: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failure;
  },
);
