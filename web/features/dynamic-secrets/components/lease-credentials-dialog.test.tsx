import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { settle } from "#web/lib/testing/render.tsx";
import { leaseFixture, secretFixture } from "../dynamic-secrets.fixtures.tsx";
import { type IssuedLease, LeaseCredentialsDialog } from "./lease-credentials-dialog.tsx";

/** What each download would save: jsdom has no object URLs, so the file's name and text are caught here. */
let saved: { name: string; text: Promise<string> }[] = [];
beforeEach(() => {
  saved = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, text: blobs.get(this.href)!.text() });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const userLease: IssuedLease = {
  lease: leaseFixture({ expireAt: "2026-12-01T11:00:00.000Z" }),
  dynamicSecret: secretFixture({ inputs: { region: "eu-west-1" } }),
  data: { ACCESS_KEY: "AKIAEXAMPLEKEY000001", SECRET_ACCESS_KEY: "s3cr3t/EXAMPLE", USERNAME: "leasehold-ab12cd" },
};
const sessionLease: IssuedLease = {
  ...userLease,
  data: {
    ACCESS_KEY: "ASIAEXAMPLEKEY000001",
    SECRET_ACCESS_KEY: "s3ss10n/EXAMPLE",
    SESSION_TOKEN: "FwoGZXIvYXdzEXAMPLE",
  },
};

function renderDialog(issued: IssuedLease) {
  const onClose = vi.fn();
  render(<LeaseCredentialsDialog issued={issued} onClose={onClose} />);
  return { onClose, dialog: screen.getByRole("dialog", { name: "AWS credentials for “dev-admin”" }) };
}

const shown = (dialog: HTMLElement) =>
  Object.fromEntries(
    within(dialog)
      .getAllByRole("term")
      .map((term) => [term.textContent, term.nextElementSibling?.querySelector("code")?.textContent]),
  );

describe("LeaseCredentialsDialog", () => {
  it("shows an IAM user's key once, says it will not be shown again, and offers a copy of each value", () => {
    const { dialog } = renderDialog(userLease);
    expect(shown(dialog)).toEqual({
      "Access key ID": "AKIAEXAMPLEKEY000001",
      "Secret access key": "s3cr3t/EXAMPLE",
      Username: "leasehold-ab12cd",
    });
    expect(within(dialog).getByRole("note").textContent).toContain(
      "Copy or download these now: the secret access key will not be shown again.",
    );
    for (const name of ["Copy access key id", "Copy secret access key", "Copy username"])
      expect(within(dialog).getByRole("button", { name })).toBeTruthy();
  });

  it("downloads a ~/.aws/credentials profile and a .env, both named after the secret", async () => {
    const { dialog } = renderDialog(userLease);
    fireEvent.click(within(dialog).getByRole("button", { name: "Download ~/.aws/credentials profile" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Download .env" }));
    expect(saved.map((file) => file.name)).toEqual(["leasehold-dev-admin.credentials", "leasehold-dev-admin.env"]);
    const [profile, env] = await Promise.all(saved.map((file) => file.text));
    expect(profile).toBe(
      [
        `# Leasehold lease ${userLease.lease.id}, expires 2026-12-01T11:00:00.000Z`,
        "[leasehold-dev-admin]",
        "aws_access_key_id = AKIAEXAMPLEKEY000001",
        "aws_secret_access_key = s3cr3t/EXAMPLE",
        "",
      ].join("\n"),
    );
    expect(env).toBe(
      [
        `# Leasehold lease ${userLease.lease.id}, expires 2026-12-01T11:00:00.000Z`,
        "AWS_ACCESS_KEY_ID=AKIAEXAMPLEKEY000001",
        "AWS_SECRET_ACCESS_KEY=s3cr3t/EXAMPLE",
        "AWS_REGION=eu-west-1",
        "",
      ].join("\n"),
    );
  });

  it("for a session, shows the token in place of a username and puts it in both downloads", async () => {
    const { dialog } = renderDialog(sessionLease);
    expect(shown(dialog)["Session token"]).toBe("FwoGZXIvYXdzEXAMPLE");
    expect(within(dialog).queryByText("Username")).toBeNull();
    expect(within(dialog).getByRole("note").textContent).toContain("the secret access key and session token will not");
    expect(dialog.textContent).toContain("They cannot be renewed");
    fireEvent.click(within(dialog).getByRole("button", { name: "Download ~/.aws/credentials profile" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Download .env" }));
    const [profile, env] = await Promise.all(saved.map((file) => file.text));
    expect(profile).toContain("aws_session_token = FwoGZXIvYXdzEXAMPLE\n");
    expect(env).toContain("AWS_SESSION_TOKEN=FwoGZXIvYXdzEXAMPLE\n");
  });

  it("closes only on purpose: not by a click outside, but by 'I have saved them' or Escape", async () => {
    const { onClose, dialog } = renderDialog(userLease);
    fireEvent.pointerDown(document.body);
    await settle();
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole("button", { name: "I have saved them" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => fireEvent.keyDown(dialog, { key: "Escape" }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
