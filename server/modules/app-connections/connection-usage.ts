import type { ConnectionUser } from "#shared/schemas/app-connections.ts";
import type { Db } from "../../db/client.ts";

/**
 * Who uses a connection: a connection is not deleted while anything does. The dynamic
 * secrets module answers this (its dynamic secrets that name the connection); services.ts
 * passes its implementation in, so this module never reads another module's tables.
 */
export interface ConnectionUsage {
  /** `db` is the caller's transaction when there is one, so the answer and the delete agree. */
  findUsers(orgId: string, connectionId: string, db?: Db): Promise<ConnectionUser[]>;
}
