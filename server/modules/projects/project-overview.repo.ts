import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { queryRows } from "../../db/client.ts";
import {
  appConnections,
  auditLogs,
  dynamicSecretLeases,
  dynamicSecrets,
  environments,
  projectMemberships,
} from "../../db/schema.ts";

interface ActivityRow {
  id: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  actorType: "user" | "identity" | "system";
  actorName: string;
  subject: string | null;
  /** As json_agg prints a timestamptz: ISO 8601 with an offset. */
  createdAt: string;
}

export interface OverviewRow {
  appConnections: number;
  connectedAppConnections: number;
  dynamicSecrets: number;
  identities: number;
  hasLeases: boolean;
  environments: { environmentId: string; dynamicSecrets: number; activeLeases: number; failedRevocations: number }[];
  activity: ActivityRow[];
}

/**
 * The project's overview in one statement (one round trip, whatever the number of environments): the counts the
 * first-run steps need, the counts of each environment, and the newest audit records. Every table is filtered by
 * the org as well as the project, so a project ID of another org finds nothing.
 */
export function createProjectOverviewRepo() {
  return {
    async find(db: Db, orgId: string, projectId: string, activityLimit: number): Promise<OverviewRow> {
      const ds = dynamicSecrets;
      const leases = dynamicSecretLeases;
      const rows = await queryRows<OverviewRow>(
        db,
        sql`
          select
            (select count(*)::int from ${appConnections}
              where ${appConnections.orgId} = ${orgId}
                and (${appConnections.projectId} is null or ${appConnections.projectId} = ${projectId})
            ) as "appConnections",
            (select count(*)::int from ${appConnections}
              where ${appConnections.orgId} = ${orgId}
                and (${appConnections.projectId} is null or ${appConnections.projectId} = ${projectId})
                and ${appConnections.status} = 'connected'
            ) as "connectedAppConnections",
            (select count(*)::int from ${ds} where ${ds.orgId} = ${orgId} and ${ds.projectId} = ${projectId}
            ) as "dynamicSecrets",
            (select count(*)::int from ${projectMemberships}
              where ${projectMemberships.orgId} = ${orgId} and ${projectMemberships.projectId} = ${projectId}
                and ${projectMemberships.identityId} is not null
            ) as "identities",
            -- Through the secrets (indexed by org and project), then each secret's leases (indexed by secret).
            exists (
              select 1 from ${ds} join ${leases} on ${leases.dynamicSecretId} = ${ds.id}
              where ${ds.orgId} = ${orgId} and ${ds.projectId} = ${projectId}
            ) as "hasLeases",
            coalesce((
              select json_agg(counts) from (
                select ${environments.id} as "environmentId",
                  count(distinct ${ds.id})::int as "dynamicSecrets",
                  (count(${leases.id}) filter (where ${leases.status} = 'active'))::int as "activeLeases",
                  (count(${leases.id}) filter (where ${leases.status} = 'revoke_failed'))::int as "failedRevocations"
                from ${environments}
                left join ${ds} on ${ds.environmentId} = ${environments.id} and ${ds.orgId} = ${orgId}
                -- Only the statuses counted, so the join reads the partial index of live leases.
                left join ${leases} on ${leases.dynamicSecretId} = ${ds.id}
                  and ${leases.status} in ('active', 'revoke_failed')
                where ${environments.orgId} = ${orgId} and ${environments.projectId} = ${projectId}
                group by ${environments.id}, ${environments.position}
                order by ${environments.position}
              ) counts
            ), '[]'::json) as "environments",
            coalesce((
              select json_agg(entry) from (
                select ${auditLogs.id} as "id", ${auditLogs.action} as "action",
                  ${auditLogs.resourceType} as "resourceType", ${auditLogs.resourceId} as "resourceId",
                  ${auditLogs.actorType} as "actorType", ${auditLogs.actorName} as "actorName",
                  coalesce(
                    ${auditLogs.metadata}->>'name', ${auditLogs.metadata}->>'identityName',
                    ${auditLogs.metadata}->>'dynamicSecretName', ${auditLogs.metadata}->>'username',
                    ${auditLogs.metadata}->>'slug'
                  ) as "subject",
                  ${auditLogs.createdAt} as "createdAt"
                from ${auditLogs}
                where ${auditLogs.orgId} = ${orgId} and ${auditLogs.projectId} = ${projectId}
                order by ${auditLogs.createdAt} desc, ${auditLogs.id} desc
                limit ${activityLimit}
              ) entry
            ), '[]'::json) as "activity"
        `,
      );
      return rows[0]!;
    },
  };
}
export type ProjectOverviewRepo = ReturnType<typeof createProjectOverviewRepo>;
