import { z } from "zod";

/**
 * What a machine needs to know about a server before it logs in, answered without
 * authentication: the value to sign into X-Leasehold-Server-ID. The ID is not a secret
 * (it only binds a signature to this server, so one captured elsewhere cannot be replayed here).
 */
export const serverInfoResponseSchema = z
  .object({
    product: z.literal("leasehold"),
    /** The value of X-Leasehold-Server-ID for this server (the same on every instance sharing the database). */
    serverId: z.string(),
  })
  .meta({ id: "ServerInfo" });
