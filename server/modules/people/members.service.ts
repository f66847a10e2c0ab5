import type { OrgRole } from "#shared/schemas/common.ts";
import type { AddMemberInput, Member } from "#shared/schemas/members.ts";
import type { Clock, RequestContext } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { generateToken, hashToken } from "../../lib/crypto/tokens.ts";
import { conflict, notFound } from "../../lib/http/errors.ts";
import type { Access } from "../access/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import type { MemberRow, PeopleRepo } from "./people.repo.ts";

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export function createMembersService(deps: {
  db: Db;
  repo: PeopleRepo;
  access: Access;
  audit: AuditService;
  projects: ProjectsService;
  clock: Clock;
  randomId: () => string;
}) {
  const { db, repo, access, audit, clock, randomId } = deps;

  /** Refuses a change that would leave the org with no active admin. Call inside the write's transaction. */
  async function assertAdminRemains(tx: Db, orgId: string, member: MemberRow, nextRole: OrgRole | null) {
    if (member.role !== "admin" || member.status !== "active" || nextRole === "admin") return;
    if ((await repo.lockAndCountAdmins(tx, orgId)) <= 1) {
      throw conflict("last_admin", "An organization needs at least one admin. Make someone else an admin first.");
    }
  }

  return {
    async list(
      ctx: RequestContext,
      orgId: string,
      query: { offset: number; limit: number; search?: string | undefined },
    ) {
      access.requireOrg(ctx.actor, orgId, "org.read");
      const { rows, totalCount } = await repo.listMembers(db, orgId, query);
      return { members: rows.map(toMember), totalCount };
    },

    /** Adds a person by email and returns a one-time setup link; only the link's hash is stored. */
    async add(ctx: RequestContext, orgId: string, input: AddMemberInput, baseUrl: string) {
      access.requireOrg(ctx.actor, orgId, "members.manage");
      return db.transaction(async (tx) => {
        if (await repo.findUserByEmail(tx, input.email)) {
          throw conflict("email_taken", "A person with this email already has a Leasehold account.");
        }
        const now = clock.now();
        const user = await repo.insertUser(tx, {
          id: randomId(),
          email: input.email,
          name: input.email.split("@")[0]!,
          passwordHash: null,
          createdAt: now,
          updatedAt: now,
        });
        const membership = await repo.insertMembership(tx, {
          id: randomId(),
          orgId,
          userId: user.id,
          role: input.role,
          status: "invited",
          createdAt: now,
        });
        const token = generateToken("lhi");
        const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
        await repo.insertInvite(tx, {
          id: randomId(),
          orgId,
          userId: user.id,
          tokenHash: hashToken(token),
          expiresAt,
          createdAt: now,
        });
        await audit.record(tx, ctx, {
          action: "member.add",
          resourceType: "member",
          resourceId: membership.id,
          metadata: { email: input.email, role: input.role },
        });
        const member = (await repo.findMember(tx, orgId, membership.id))!;
        const setupLink = `${baseUrl.replace(/\/$/, "")}/accept-invite?token=${encodeURIComponent(token)}`;
        return { member: toMember(member), setupLink, setupLinkExpiresAt: expiresAt.toISOString() };
      });
    },

    async updateRole(ctx: RequestContext, orgId: string, memberId: string, role: OrgRole) {
      access.requireOrg(ctx.actor, orgId, "members.manage");
      return db.transaction(async (tx) => {
        const member = await repo.findMember(tx, orgId, memberId);
        if (!member) throw notFound("Member");
        await assertAdminRemains(tx, orgId, member, role);
        await repo.updateMemberRole(tx, orgId, memberId, role);
        await audit.record(tx, ctx, {
          action: "member.update-role",
          resourceType: "member",
          resourceId: memberId,
          metadata: { email: member.email, from: member.role, to: role },
        });
        return { member: toMember({ ...member, role }) };
      });
    },

    /** Removes a person from the org: memberships, project access, sessions and pending links. */
    async remove(ctx: RequestContext, orgId: string, memberId: string) {
      access.requireOrg(ctx.actor, orgId, "members.manage");
      return db.transaction(async (tx) => {
        const member = await repo.findMember(tx, orgId, memberId);
        if (!member) throw notFound("Member");
        await assertAdminRemains(tx, orgId, member, null);
        await deps.projects.removeUserFromOrgProjects(tx, orgId, member.userId);
        await repo.deleteInvitesOfUser(tx, orgId, member.userId);
        await repo.deleteSessionsOfUser(tx, orgId, member.userId);
        await repo.deleteMember(tx, orgId, memberId);
        await audit.record(tx, ctx, {
          action: "member.remove",
          resourceType: "member",
          resourceId: memberId,
          metadata: { email: member.email },
        });
        return { member: toMember(member) };
      });
    },
  };
}
export type MembersService = ReturnType<typeof createMembersService>;

function toMember(row: MemberRow): Member {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
