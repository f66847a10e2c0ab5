import { z } from "zod";
import { paginationQuerySchema, timestampSchema } from "./common.ts";

export const actorTypeSchema = z.enum(["user", "identity", "system"]);

const auditLogSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  actorType: actorTypeSchema,
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  projectId: z.uuid().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: timestampSchema,
});
export type AuditLog = z.infer<typeof auditLogSchema>;

export const listAuditLogsQuerySchema = paginationQuerySchema.extend({
  action: z.string().trim().max(128).optional(),
  actorId: z.string().trim().max(128).optional(),
  resourceType: z.string().trim().max(64).optional(),
  projectId: z.uuid().optional(),
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
});
export type ListAuditLogsQuery = z.infer<typeof listAuditLogsQuerySchema>;

export const listAuditLogsResponseSchema = z.object({
  auditLogs: z.array(auditLogSchema),
  totalCount: z.number().int(),
});
