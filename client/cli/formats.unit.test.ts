import { describe, expect, it } from "vitest";
import { credentialProcessJson, credentialsFromLease, formatCredentials } from "./formats.ts";

const iamUser = credentialsFromLease(
  { ACCESS_KEY: "AKIAEXAMPLE", SECRET_ACCESS_KEY: "secret/with'quote", USERNAME: "u" },
  "2026-12-03T15:00:00.000Z",
);
const temporary = credentialsFromLease(
  { ACCESS_KEY: "ASIAEXAMPLE", SECRET_ACCESS_KEY: "s", SESSION_TOKEN: "token" },
  "2026-12-03T15:00:00.000Z",
);

describe("credential formats", () => {
  it("credential_process JSON has Version 1 and the SessionToken only for temporary credentials", () => {
    expect(JSON.parse(credentialProcessJson(iamUser))).toEqual({
      Version: 1,
      AccessKeyId: "AKIAEXAMPLE",
      SecretAccessKey: "secret/with'quote",
      Expiration: "2026-12-03T15:00:00.000Z",
    });
    expect(JSON.parse(credentialProcessJson(temporary))).toMatchObject({ SessionToken: "token" });
  });

  it("env lines are shell-quoted for eval, and carry AWS_SESSION_TOKEN when there is one", () => {
    expect(formatCredentials("env", iamUser, {})).toBe(
      "export AWS_ACCESS_KEY_ID='AKIAEXAMPLE'\nexport AWS_SECRET_ACCESS_KEY='secret/with'\\''quote'\n",
    );
    expect(formatCredentials("env", temporary, {})).toContain("export AWS_SESSION_TOKEN='token'\n");
    expect(formatCredentials("dotenv", temporary, {})).toBe(
      "AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=s\nAWS_SESSION_TOKEN=token\n",
    );
  });

  it("the credentials format is an ~/.aws/credentials profile", () => {
    expect(formatCredentials("credentials", temporary, {})).toBe(
      "[default]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = s\naws_session_token = token\n",
    );
    expect(formatCredentials("credentials", iamUser, {})).not.toContain("aws_session_token");
  });
});
