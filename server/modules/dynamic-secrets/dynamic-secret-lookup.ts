import type { ProjectAction } from "#shared/permissions.ts";
import type { SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import type { Actor } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import type { Envelope } from "../../lib/crypto/envelope.ts";
import { notFound } from "../../lib/http/errors.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import { decryptConfig } from "./dynamic-secret-config.ts";
import type { DynamicSecretsRepo } from "./dynamic-secrets.repo.ts";

/**
 * Finds dynamic secrets the way Infisical's API addresses them (project slug, environment
 * slug, folder path, name) and checks the actor's permission on the project first. The
 * leases module uses this, never the repo, to reach a dynamic secret.
 */
export function createDynamicSecretLookup(deps: {
  db: Db;
  repo: DynamicSecretsRepo;
  projects: Pick<ProjectsService, "authorizeLocation">;
  envelope: Envelope;
}) {
  const { db, repo, projects, envelope } = deps;

  async function location(actor: Actor, loc: SecretLocation, action: ProjectAction, tx: Db = db) {
    const { project, environment } = await projects.authorizeLocation(
      actor,
      loc.projectSlug,
      loc.environmentSlug,
      action,
      tx,
    );
    return { project, environment, path: loc.path };
  }

  return {
    location,
    /** The secret `name` at the location, after the permission check; 404 when absent. */
    async find(actor: Actor, loc: SecretLocation, name: string, action: ProjectAction, tx: Db = db) {
      const where = await location(actor, loc, action, tx);
      const row = await repo.findByLocation(tx, actor.orgId, where.environment.id, where.path, name);
      if (!row) throw notFound(`Dynamic secret "${name}" at ${where.environment.slug}:${where.path}`);
      return { ...where, row };
    },
    /** Locks the secret's row in `tx`, so lease quota checks and deletes take turns. */
    lock: (tx: Db, orgId: string, id: string) => repo.lockById(tx, orgId, id),
    /** Finds and locks the secret `name` at an already authorised location, in `tx`; 404 when absent. */
    async lockAt(tx: Db, orgId: string, environment: { id: string; slug: string }, path: string, name: string) {
      const row = await repo.lockByLocation(tx, orgId, environment.id, path, name);
      if (!row) throw notFound(`Dynamic secret "${name}" at ${environment.slug}:${path}`);
      return row;
    },
    config: (row: Parameters<typeof decryptConfig>[1]) => decryptConfig(envelope, row),
    async loadConfig(orgId: string, id: string) {
      const row = await repo.findById(db, orgId, id);
      return row ? decryptConfig(envelope, row) : null;
    },
  };
}
export type DynamicSecretLookup = ReturnType<typeof createDynamicSecretLookup>;
