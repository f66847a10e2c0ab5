// `leasehold login aws`, `leasehold token …` and `leasehold lease …`.
import { COMMON_OPTIONS, duration, LOCATION_OPTIONS, parse, required, UsageError } from "./args.ts";
import { type Io, rememberTarget, resolveTarget, sessionFor } from "./context.ts";
import { credentialsFromLease, FORMATS, type Format, formatCredentials, type LeaseData } from "./formats.ts";

const iso = (ms: number) => new Date(ms).toISOString();

export async function loginAws(args: string[], io: Io) {
  const { values } = parse(args, { ...COMMON_OPTIONS, "sts-endpoint": { type: "string" } });
  const target = await resolveTarget(values, io);
  const token = await sessionFor(target, io).login();
  await rememberTarget(target, io);
  const summary = { url: target.url, identityId: target.identityId, expiresAt: iso(token.expiresAt) };
  if (values.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else
    io.stdout(
      `Logged in to ${target.url} as identity ${target.identityId}; the token expires at ${summary.expiresAt}\n`,
    );
}

export async function token(args: string[], io: Io) {
  const [action, ...rest] = args;
  const { values } = parse(rest, COMMON_OPTIONS);
  const target = await resolveTarget(values, io);
  const session = sessionFor(target, io);
  if (action === "renew") {
    const renewed = await session.renew();
    if (!renewed) throw new UsageError("Not logged in: run `leasehold login aws` first");
    const expiresAt = iso(renewed.expiresAt);
    io.stdout(values.json ? `${JSON.stringify({ expiresAt })}\n` : `Renewed; the token expires at ${expiresAt}\n`);
    return;
  }
  if (action === "revoke") {
    const revoked = await session.logout();
    io.stdout(values.json ? `${JSON.stringify({ revoked })}\n` : revoked ? "Logged out\n" : "Not logged in\n");
    return;
  }
  throw new UsageError("Use `leasehold token renew` or `leasehold token revoke`");
}

function location(values: Record<string, unknown>) {
  return { projectSlug: required(values, "project"), environmentSlug: required(values, "env"), path: `${values.path}` };
}

export async function lease(args: string[], io: Io) {
  const [action, ...rest] = args;
  const options = { ...COMMON_OPTIONS, ...LOCATION_OPTIONS, "sts-endpoint": { type: "string" } } as const;
  if (action === "create") {
    const { values } = parse(rest, {
      ...options,
      secret: { type: "string" },
      ttl: { type: "string" },
      format: { type: "string" },
    });
    const format = (values.format ?? (values.json ? "json" : "env")) as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(", ")}`);
    const input = { dynamicSecretName: required(values, "secret"), ...location(values) };
    const ttl = duration(values, "ttl");
    const target = await resolveTarget(values, io);
    const created = await sessionFor(target, io).withClient((client) =>
      client.leases.create({ ...input, ...(ttl ? { ttl } : {}) }),
    );
    const credentials = credentialsFromLease(created.data as LeaseData, created.lease.expireAt);
    io.stdout(formatCredentials(format, credentials, created.lease));
    io.stderr(`Lease ${created.lease.id} expires at ${created.lease.expireAt}\n`);
    return;
  }
  if (action === "list") {
    const { values } = parse(rest, {
      ...options,
      secret: { type: "string" },
      status: { type: "string", default: "active" },
    });
    if (values.status !== "active" && values.status !== "all") throw new UsageError("--status is active or all");
    const target = await resolveTarget(values, io);
    const name = required(values, "secret");
    const page = await sessionFor(target, io).withClient((client) =>
      client.leases.list({
        dynamicSecretName: name,
        ...location(values),
        status: values.status as "active" | "all",
        limit: 100,
      }),
    );
    if (values.json) io.stdout(`${JSON.stringify(page.leases, null, 2)}\n`);
    else if (page.leases.length === 0)
      io.stdout(`No ${values.status === "active" ? "active " : ""}leases of ${name}\n`);
    else
      io.stdout(
        `${["ID                                    STATUS         EXPIRES                   USERNAME"]
          .concat(page.leases.map((l) => `${l.id}  ${l.status.padEnd(13)}  ${l.expireAt.padEnd(24)}  ${l.username}`))
          .join("\n")}\n`,
      );
    return;
  }
  if (action === "renew" || action === "revoke") {
    const { values, positionals } = parse(rest, { ...options, ttl: { type: "string" }, force: { type: "boolean" } });
    if (action === "renew" && values.force) throw new UsageError("--force is for `lease revoke`");
    if (action === "revoke" && values.ttl) throw new UsageError("--ttl is for `lease renew`");
    const leaseId = positionals[0];
    if (!leaseId) throw new UsageError(`Which lease? \`leasehold lease ${action} LEASE_ID --project … --env …\``);
    const target = await resolveTarget(values, io);
    const session = sessionFor(target, io);
    const ttl = action === "renew" ? duration(values, "ttl") : undefined;
    const { lease: result } = await session.withClient((client) =>
      action === "renew"
        ? client.leases.renew({ leaseId, ...location(values), ...(ttl ? { ttl } : {}) })
        : client.leases.revoke({ leaseId, ...location(values), isForced: Boolean(values.force) }),
    );
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else if (action === "renew") io.stdout(`Lease ${result.id} now expires at ${result.expireAt}\n`);
    else io.stdout(`Lease ${result.id} is ${result.status.replace("_", " ")}\n`);
    return;
  }
  throw new UsageError("Use `leasehold lease create|list|renew|revoke`");
}
