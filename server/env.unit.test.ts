import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.ts";

describe("loadEnv", () => {
  it("gives the documented defaults", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(8080);
    expect(env.LEASEHOLD_DATA_DIR).toBe("./data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.secureCookies).toBe(false);
  });

  it("makes cookies secure in production unless told otherwise", () => {
    expect(loadEnv({ NODE_ENV: "production" }).secureCookies).toBe(true);
    expect(loadEnv({ NODE_ENV: "production", LEASEHOLD_SECURE_COOKIES: "false" }).secureCookies).toBe(false);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["LOG_LEVEL", "loud"],
    ["AWS_ENDPOINT_URL", "not a url"],
    ["LEASEHOLD_SESSION_IDLE_TTL", "-5"],
  ])("names the variable when %s=%s is invalid", (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(EnvError);
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(name));
  });

  it("refuses a lease recovery age under 90 s, saying why, and takes 90 s itself", () => {
    expect(() => loadEnv({ LEASEHOLD_LEASE_RECOVERY_AFTER: "89" })).toThrow(
      /LEASEHOLD_LEASE_RECOVERY_AFTER: must be at least 90 s, longer than one AWS call with its retries/,
    );
    expect(loadEnv({ LEASEHOLD_LEASE_RECOVERY_AFTER: "90" }).LEASEHOLD_LEASE_RECOVERY_AFTER).toBe(90);
    expect(loadEnv({}).LEASEHOLD_LEASE_RECOVERY_AFTER).toBe(300);
  });

  it("treats blank optional values as unset", () => {
    expect(loadEnv({ DATABASE_URL: "  ", LEASEHOLD_ROOT_KEY: "" }).DATABASE_URL).toBeUndefined();
  });
});
