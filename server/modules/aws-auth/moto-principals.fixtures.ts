// Test support: real IAM principals in moto (unique names, since the run's moto is shared).
import { randomUUID } from "node:crypto";
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsTestCredentials } from "./signed-login.fixtures.ts";

const admin = { accessKeyId: "testing", secretAccessKey: "testing" };
const clients = (motoUrl: string, credentials: AwsTestCredentials = admin) => ({
  iam: new IAMClient({ endpoint: motoUrl, region: "us-east-1", credentials }),
  sts: new STSClient({ endpoint: motoUrl, region: "us-east-1", credentials }),
});

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** An IAM user (with a path) and an access key for it. */
export async function createIamUser(motoUrl: string, options: { path?: string; name?: string } = {}) {
  const { iam } = clients(motoUrl);
  const name = options.name ?? uniqueName("svc");
  const { User } = await iam.send(new CreateUserCommand({ UserName: name, Path: options.path ?? "/" }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const credentials: AwsTestCredentials = {
    accessKeyId: AccessKey!.AccessKeyId!,
    secretAccessKey: AccessKey!.SecretAccessKey!,
  };
  return { arn: User!.Arn!, name, credentials };
}

/** A role, and session credentials from assuming it (as an EC2 instance or Lambda would hold). */
export async function assumeNewRole(motoUrl: string, options: { name?: string; sessionName?: string } = {}) {
  const { iam, sts } = clients(motoUrl);
  const name = options.name ?? uniqueName("app-role");
  const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }],
  });
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  const sessionName = options.sessionName ?? "i-0abc123";
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: sessionName }));
  return {
    roleArn: Role!.Arn!,
    sessionArn: `arn:aws:sts::123456789012:assumed-role/${name}/${sessionName}`,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    },
  };
}
