// People change IAM users behind Leasehold's back. Whatever they added (or removed), a
// revoke must still end with the user deleted.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { iamAt, type LeaseWorld, leaseWorld, unique } from "../dynamic-secrets.fixtures.ts";

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }],
});

/** An OpenSSH "ssh-rsa AAAA…" public key line (IAM accepts only real keys). */
function sshPublicKey(): string {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  const mpint = (b64url: string) => {
    let bytes = Buffer.from(b64url, "base64url");
    if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return bytes;
  };
  const field = (b: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(b.length);
    return Buffer.concat([length, b]);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-rsa")), field(mpint(jwk.e!)), field(mpint(jwk.n!))]);
  return `ssh-rsa ${blob.toString("base64")} leasehold-test`;
}

/** A self-signed X.509 certificate, as IAM wants for signing certificates. */
function selfSignedCertificate(): string {
  return execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=leasehold-test",
      "-days",
      "1",
      "-keyout",
      "/dev/null",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
}

describe("out-of-band changes before revoke", () => {
  let world: LeaseWorld;
  let iam: IAMClient;
  let extraGroup: string;
  let extraPolicy: string;

  beforeAll(async () => {
    world = await leaseWorld();
    iam = iamAt(world.motoUrl);
    extraGroup = unique("lh-oob-g");
    await iam.send(new CreateGroupCommand({ GroupName: extraGroup }));
    extraPolicy = (await iam.send(new CreatePolicyCommand({ PolicyName: unique("lh-oob-p"), PolicyDocument: POLICY })))
      .Policy!.Arn!;
  });
  afterAll(() => world.close());

  /**
   * Leases, applies the change, revokes. moto deletes users whatever is still attached
   * (only policies block it), so the proxy proves each deletion IAM would require was sent.
   */
  async function leaseThen(change: (username: string) => Promise<unknown>, deletions: Record<string, number> = {}) {
    const { name } = await world.createSecret({}, { policyDocument: POLICY });
    const { lease, data } = (await world.lease(name)).body;
    await change(data.USERNAME);
    const res = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
    expect(res.status, res.text).toBe(200);
    expect(res.body.lease.status).toBe("revoked");
    expect(await world.userExists(data.USERNAME)).toBe(false);
    for (const [action, count] of Object.entries(deletions)) {
      const sent = world.proxy.calls(action, "iam").filter((r) => r.params.UserName === data.USERNAME);
      expect(sent.length, `${action} calls`).toBe(count);
    }
    return res.body.lease;
  }

  it("the user was already deleted", async () => {
    const lease = await leaseThen(async (u) => {
      // Removed by hand, in the order IAM requires.
      await iam.send(new DeleteUserPolicyCommand({ UserName: u, PolicyName: "leasehold-lease-policy" }));
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: u }));
      for (const k of keys.AccessKeyMetadata ?? [])
        await iam.send(new DeleteAccessKeyCommand({ UserName: u, AccessKeyId: k.AccessKeyId }));
      await iam.send(new DeleteUserCommand({ UserName: u }));
    });
    expect(lease.statusDetails).toMatch(/was already gone/);
  });

  it("extra access keys were created", () =>
    leaseThen((u) => iam.send(new CreateAccessKeyCommand({ UserName: u })), { DeleteAccessKey: 2 }));

  it("a console password (login profile) was added", () =>
    leaseThen((u) => iam.send(new CreateLoginProfileCommand({ UserName: u, Password: "Correct-Horse-9-Battery!" })), {
      DeleteLoginProfile: 1,
    }));

  it("an SSH public key was uploaded", () =>
    leaseThen((u) => iam.send(new UploadSSHPublicKeyCommand({ UserName: u, SSHPublicKeyBody: sshPublicKey() })), {
      DeleteSSHPublicKey: 1,
    }));

  it("a signing certificate was uploaded", () =>
    leaseThen(
      (u) => iam.send(new UploadSigningCertificateCommand({ UserName: u, CertificateBody: selfSignedCertificate() })),
      { DeleteSigningCertificate: 1 },
    ));

  it("a virtual MFA device was enabled (and is deleted with the user)", async () => {
    let serial = "";
    await leaseThen(
      async (u) => {
        const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: unique("lh-mfa") }));
        serial = device.VirtualMFADevice!.SerialNumber!;
        await iam.send(
          new EnableMFADeviceCommand({
            UserName: u,
            SerialNumber: serial,
            AuthenticationCode1: "123456",
            AuthenticationCode2: "654321",
          }),
        );
      },
      { DeactivateMFADevice: 1 },
    );
    expect(world.proxy.calls("DeleteVirtualMFADevice").map((r) => r.params.SerialNumber)).toContain(serial);
    const devices = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(devices.VirtualMFADevices!.map((d) => d.SerialNumber)).not.toContain(serial);
  });

  it("an extra group, managed policy and inline policy were added", () =>
    leaseThen(
      async (u) => {
        await iam.send(new AddUserToGroupCommand({ UserName: u, GroupName: extraGroup }));
        await iam.send(new AttachUserPolicyCommand({ UserName: u, PolicyArn: extraPolicy }));
        await iam.send(new PutUserPolicyCommand({ UserName: u, PolicyName: "added-by-hand", PolicyDocument: POLICY }));
      },
      { RemoveUserFromGroup: 1, DetachUserPolicy: 1, DeleteUserPolicy: 2 },
    ));

  it("all of these at once", () =>
    leaseThen(
      async (u) => {
        await iam.send(new CreateAccessKeyCommand({ UserName: u }));
        await iam.send(new CreateLoginProfileCommand({ UserName: u, Password: "Correct-Horse-9-Battery!" }));
        await iam.send(new UploadSSHPublicKeyCommand({ UserName: u, SSHPublicKeyBody: sshPublicKey() }));
        await iam.send(new UploadSigningCertificateCommand({ UserName: u, CertificateBody: selfSignedCertificate() }));
        await iam.send(new AddUserToGroupCommand({ UserName: u, GroupName: extraGroup }));
        await iam.send(new AttachUserPolicyCommand({ UserName: u, PolicyArn: extraPolicy }));
        await iam.send(new PutUserPolicyCommand({ UserName: u, PolicyName: "added-by-hand", PolicyDocument: POLICY }));
      },
      {
        DeleteAccessKey: 2,
        DeleteLoginProfile: 1,
        DeleteSSHPublicKey: 1,
        DeleteSigningCertificate: 1,
        RemoveUserFromGroup: 1,
        DetachUserPolicy: 1,
        DeleteUserPolicy: 2,
        DeleteUser: 1,
      },
    ));
});
