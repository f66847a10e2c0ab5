import { describe, expect, it } from "vitest";
import { lineDiff, quoteWord, withProfile } from "./aws-config.ts";

const settings = { credential_process: "leasehold aws credential-process --secret s", region: "eu-west-1" };

describe("withProfile", () => {
  it("adds the profile to an empty or missing file", () => {
    expect(withProfile("", "leased", settings)).toBe(
      "[profile leased]\ncredential_process = leasehold aws credential-process --secret s\nregion = eu-west-1\n",
    );
  });

  it("replaces the profile's own keys, keeps its other keys and every other section untouched", () => {
    const before = [
      "[default]",
      "region = us-east-1",
      "",
      "[profile leased]",
      "credential_process = old",
      "output = json",
      "",
      "[profile other]",
      "region = us-west-2",
      "",
    ].join("\n");
    const after = withProfile(before, "leased", settings);
    expect(after).toBe(
      [
        "[default]",
        "region = us-east-1",
        "",
        "[profile leased]",
        "credential_process = leasehold aws credential-process --secret s",
        "region = eu-west-1",
        "output = json",
        "",
        "[profile other]",
        "region = us-west-2",
        "",
      ].join("\n"),
    );
    expect(withProfile(after, "leased", settings)).toBe(after);
  });

  it("writes [default] for the default profile", () => {
    expect(withProfile("[default]\nregion = x\n", "default", { region: "y" })).toBe("[default]\nregion = y\n");
  });
});

describe("lineDiff", () => {
  it("marks removed and added lines, with context", () => {
    const diff = lineDiff("[profile a]\nx = 1\n", "[profile a]\nx = 2\n", "config");
    expect(diff.split("\n")).toEqual(["--- config", "+++ config", " [profile a]", "-x = 1", "+x = 2"]);
  });
});

describe("quoteWord", () => {
  it("leaves plain words bare and single-quotes the rest", () => {
    expect(quoteWord("https://l.example/x")).toBe("https://l.example/x");
    expect(quoteWord("/opt/my tools/leasehold")).toBe("'/opt/my tools/leasehold'");
    expect(quoteWord("it's")).toBe("'it'\\''s'");
  });
});
