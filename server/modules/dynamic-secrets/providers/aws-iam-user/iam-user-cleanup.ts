import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListUserPoliciesCommand,
  RemoveUserFromGroupCommand,
} from "@aws-sdk/client-iam";
import { awsErrorCode } from "../../../../lib/aws/translate-error.ts";
import { IamCallError, LEASE_ID_TAG } from "./iam-user-lifecycle.ts";

/**
 * The full cleanup of a lease's IAM user, used by revoke, compensation and recovery alike.
 * IAM refuses DeleteUser while the user still has access keys, groups, policies, a login
 * profile, MFA devices, SSH keys, signing certificates or service-specific credentials,
 * and people add such things out of band. So, in three rounds:
 *   1. list every kind, in parallel and following pagination (plus GetUser, to prove the user is ours);
 *   2. delete everything found, in parallel;
 *   3. DeleteUser.
 * NoSuchEntity at any step counts as done, so the cleanup is idempotent. A failed list or
 * delete does not stop DeleteUser: AWS refuses DeleteUser (DeleteConflict) while anything
 * remains, so if it succeeds nothing was left behind; if it fails, the first error is reported.
 */

/**
 * "deleted": we removed it; "absent": it was already gone;
 * "not-ours": a user of that name exists but is not this lease's.
 */
export type CleanupOutcome = "deleted" | "absent" | "not-ours";

export interface UserOwner {
  leaseId: string;
  /**
   * True once Leasehold saw CreateUser succeed for this lease. A user without our lease tag
   * is then still ours (someone stripped the tags); before that, only the tag proves it.
   */
  creationConfirmed: boolean;
}

const isMissing = (error: unknown) => /^NoSuchEntity/.test(awsErrorCode(error));
const MAX_PAGES = 100;

interface CredentialKind {
  listAction: string;
  list(
    iam: IAMClient,
    user: string,
    marker: string | undefined,
  ): Promise<{ items: string[]; marker?: string | undefined }>;
  removeAction: string;
  remove(iam: IAMClient, user: string, item: string): Promise<unknown>;
}

const page = (
  items: (string | undefined)[] | undefined,
  truncated: boolean | undefined,
  marker: string | undefined,
) => ({
  items: (items ?? []).filter((i): i is string => Boolean(i)),
  marker: truncated ? marker : undefined,
});

const CREDENTIAL_KINDS: CredentialKind[] = [
  {
    listAction: "iam:ListAccessKeys",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListAccessKeysCommand({ UserName, Marker }));
      return page(
        r.AccessKeyMetadata?.map((k) => k.AccessKeyId),
        r.IsTruncated,
        r.Marker,
      );
    },
    removeAction: "iam:DeleteAccessKey",
    remove: (iam, UserName, AccessKeyId) => iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId })),
  },
  {
    listAction: "iam:ListGroupsForUser",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListGroupsForUserCommand({ UserName, Marker }));
      return page(
        r.Groups?.map((g) => g.GroupName),
        r.IsTruncated,
        r.Marker,
      );
    },
    removeAction: "iam:RemoveUserFromGroup",
    remove: (iam, UserName, GroupName) => iam.send(new RemoveUserFromGroupCommand({ UserName, GroupName })),
  },
  {
    listAction: "iam:ListAttachedUserPolicies",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListAttachedUserPoliciesCommand({ UserName, Marker }));
      return page(
        r.AttachedPolicies?.map((p) => p.PolicyArn),
        r.IsTruncated,
        r.Marker,
      );
    },
    removeAction: "iam:DetachUserPolicy",
    remove: (iam, UserName, PolicyArn) => iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn })),
  },
  {
    listAction: "iam:ListUserPolicies",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListUserPoliciesCommand({ UserName, Marker }));
      return page(r.PolicyNames, r.IsTruncated, r.Marker);
    },
    removeAction: "iam:DeleteUserPolicy",
    remove: (iam, UserName, PolicyName) => iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName })),
  },
  {
    // Rivals forget this one: a console password blocks DeleteUser.
    listAction: "iam:GetLoginProfile",
    list: async (iam, UserName) => {
      try {
        await iam.send(new GetLoginProfileCommand({ UserName }));
        return { items: [UserName] };
      } catch (error) {
        if (isMissing(error)) return { items: [] };
        throw error;
      }
    },
    removeAction: "iam:DeleteLoginProfile",
    remove: (iam, UserName) => iam.send(new DeleteLoginProfileCommand({ UserName })),
  },
  {
    listAction: "iam:ListMFADevices",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListMFADevicesCommand({ UserName, Marker }));
      return page(
        r.MFADevices?.map((d) => d.SerialNumber),
        r.IsTruncated,
        r.Marker,
      );
    },
    removeAction: "iam:DeactivateMFADevice",
    remove: async (iam, UserName, SerialNumber) => {
      await iam.send(new DeactivateMFADeviceCommand({ UserName, SerialNumber }));
      // A virtual device outlives its user as an unassigned device unless deleted too.
      if (SerialNumber.includes(":mfa/")) {
        await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber })).catch((error: unknown) => {
          if (!isMissing(error)) throw new IamCallError("iam:DeleteVirtualMFADevice", SerialNumber, error, true);
        });
      }
    },
  },
  {
    listAction: "iam:ListSSHPublicKeys",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListSSHPublicKeysCommand({ UserName, Marker }));
      return page(
        r.SSHPublicKeys?.map((k) => k.SSHPublicKeyId),
        r.IsTruncated,
        r.Marker,
      );
    },
    removeAction: "iam:DeleteSSHPublicKey",
    remove: (iam, UserName, SSHPublicKeyId) => iam.send(new DeleteSSHPublicKeyCommand({ UserName, SSHPublicKeyId })),
  },
  {
    listAction: "iam:ListSigningCertificates",
    list: async (iam, UserName, Marker) => {
      const r = await iam.send(new ListSigningCertificatesCommand({ UserName, Marker }));
      return page(
        r.Certificates?.map((c) => c.CertificateId),
        r.IsTruncated,
        r.Marker,
      );
    },
    removeAction: "iam:DeleteSigningCertificate",
    remove: (iam, UserName, CertificateId) =>
      iam.send(new DeleteSigningCertificateCommand({ UserName, CertificateId })),
  },
  {
    listAction: "iam:ListServiceSpecificCredentials",
    list: async (iam, UserName) => {
      const r = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName }));
      return {
        items: (r.ServiceSpecificCredentials ?? [])
          .map((c) => c.ServiceSpecificCredentialId)
          .filter((i): i is string => Boolean(i)),
      };
    },
    removeAction: "iam:DeleteServiceSpecificCredential",
    remove: (iam, UserName, ServiceSpecificCredentialId) =>
      iam.send(new DeleteServiceSpecificCredentialCommand({ UserName, ServiceSpecificCredentialId })),
  },
];

async function listAll(iam: IAMClient, user: string, kind: CredentialKind): Promise<string[]> {
  const items: string[] = [];
  let marker: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    try {
      const result = await kind.list(iam, user, marker);
      items.push(...result.items);
      marker = result.marker;
    } catch (error) {
      if (isMissing(error)) return items;
      throw new IamCallError(kind.listAction, user, error, true);
    }
    if (!marker) break;
  }
  return items;
}

async function ownershipOf(iam: IAMClient, user: string, owner: UserOwner): Promise<"ours" | "absent" | "not-ours"> {
  try {
    const { User } = await iam.send(new GetUserCommand({ UserName: user }));
    const leaseTag = User?.Tags?.find((t) => t.Key === LEASE_ID_TAG)?.Value;
    if (leaseTag === owner.leaseId) return "ours";
    return leaseTag === undefined && owner.creationConfirmed ? "ours" : "not-ours";
  } catch (error) {
    if (isMissing(error)) return "absent";
    throw new IamCallError("iam:GetUser", user, error, true);
  }
}

/** Deletes the lease's IAM user and everything attached to it. Throws the first IamCallError when the user survives. */
export async function cleanupIamUser(iam: IAMClient, user: string, owner: UserOwner): Promise<CleanupOutcome> {
  const ownership = ownershipOf(iam, user, owner);
  ownership.catch(() => {}); // awaited below; this only keeps an early rejection from being unhandled
  const failures: unknown[] = [];

  await Promise.all(
    CREDENTIAL_KINDS.map(async (kind) => {
      try {
        const items = await listAll(iam, user, kind);
        if (items.length === 0 || (await ownership) !== "ours") return;
        await Promise.all(
          items.map((item) =>
            kind.remove(iam, user, item).catch((error: unknown) => {
              if (error instanceof IamCallError) throw error;
              if (!isMissing(error)) throw new IamCallError(kind.removeAction, `${user} (${item})`, error, true);
            }),
          ),
        );
      } catch (error) {
        failures.push(error);
      }
    }),
  );

  const owned = await ownership;
  if (owned !== "ours") return owned;
  try {
    await iam.send(new DeleteUserCommand({ UserName: user }));
    return "deleted";
  } catch (error) {
    // Gone between GetUser and now: someone else finished the job.
    if (isMissing(error)) return "deleted";
    // A conflict means something is still attached: the list or delete that failed says what.
    const conflict = awsErrorCode(error).startsWith("DeleteConflict");
    throw (conflict ? failures[0] : undefined) ?? new IamCallError("iam:DeleteUser", user, error, true);
  }
}
