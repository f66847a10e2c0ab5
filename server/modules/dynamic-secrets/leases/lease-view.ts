import type { Lease, LeaseActor } from "#shared/schemas/leases.ts";
import type { AuditContext } from "../../../context.ts";
import { badRequest } from "../../../lib/http/errors.ts";
import type { LeaseCursor, LeaseRow } from "./leases.repo.ts";

export function toLease(row: LeaseRow): Lease {
  return {
    id: row.id,
    dynamicSecretId: row.dynamicSecretId,
    externalEntityId: row.externalEntityId ?? row.username,
    expireAt: row.expireAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    status: row.status,
    statusDetails: row.statusDetails,
    username: row.username,
    createdBy: { type: row.createdByType, id: row.createdById, name: row.createdByName },
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedByType
      ? { type: row.revokedByType, id: row.revokedById, name: row.revokedByName ?? "" }
      : null,
    revokeAttempts: row.revokeAttempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    creationError: row.creationError,
  };
}

/** Who acted, as stored on a lease: a person by email, a machine identity or a worker by name. */
export function actorOf(ctx: AuditContext): LeaseActor {
  const actor = ctx.actor;
  return { type: actor.type, id: actor.id, name: actor.type === "user" ? actor.email : actor.name };
}

export const encodeCursor = (row: LeaseRow) =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");

export function decodeCursor(cursor: string | undefined): LeaseCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw badRequest("invalid_cursor", "The cursor is not one this server gave out", [
      { path: ["cursor"], message: "Use the nextCursor of the previous page" },
    ]);
  }
}
