// The ways the CLI prints a lease's credentials. Every format carries the session token when the
// dynamic secret hands out temporary credentials (SESSION_TOKEN), and nothing when it does not.

/** The lease data the server answers with; SESSION_TOKEN only for temporary credentials. */
export interface LeaseData {
  ACCESS_KEY: string;
  SECRET_ACCESS_KEY: string;
  SESSION_TOKEN?: string | undefined;
  USERNAME?: string | undefined;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** ISO 8601. */
  expiration: string;
}

export const FORMATS = ["env", "dotenv", "json", "credentials"] as const;
export type Format = (typeof FORMATS)[number];

export function credentialsFromLease(data: LeaseData, expireAt: string): AwsCredentials {
  return {
    accessKeyId: data.ACCESS_KEY,
    secretAccessKey: data.SECRET_ACCESS_KEY,
    ...(data.SESSION_TOKEN ? { sessionToken: data.SESSION_TOKEN } : {}),
    expiration: expireAt,
  };
}

/** AWS's credential_process contract: Version 1, and Expiration so the SDK asks again before it passes. */
export function credentialProcessJson(credentials: AwsCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
    Expiration: credentials.expiration,
  });
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function variables(credentials: AwsCredentials): [string, string][] {
  const vars: [string, string][] = [
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
  ];
  if (credentials.sessionToken) vars.push(["AWS_SESSION_TOKEN", credentials.sessionToken]);
  return vars;
}

/** The credentials in one format; `lease` is the lease object for `json`. */
export function formatCredentials(format: Format, credentials: AwsCredentials, lease: object): string {
  switch (format) {
    case "env":
      // For `eval "$(leasehold lease create … --format env)"`.
      return `${variables(credentials)
        .map(([name, value]) => `export ${name}=${shellQuote(value)}`)
        .join("\n")}\n`;
    case "dotenv":
      return `${variables(credentials)
        .map(([name, value]) => `${name}=${value}`)
        .join("\n")}\n`;
    case "credentials": {
      // A profile for ~/.aws/credentials.
      const lines = ["[default]", `aws_access_key_id = ${credentials.accessKeyId}`];
      lines.push(`aws_secret_access_key = ${credentials.secretAccessKey}`);
      if (credentials.sessionToken) lines.push(`aws_session_token = ${credentials.sessionToken}`);
      return `${lines.join("\n")}\n`;
    }
    case "json":
      return `${JSON.stringify({ lease, credentials }, null, 2)}\n`;
  }
}
