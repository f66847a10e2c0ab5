import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { badRequest, errorOf, failure, renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { accessKeyConnectionFixture, ORG_ID, PROJECT_ID } from "../app-connections.fixtures.ts";
import { AccessKeyForm } from "./access-key-form.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CREATE = pathPattern(appConnectionRoutes.create);
const created = { body: { appConnection: accessKeyConnectionFixture() } };

async function renderForm(answer: Parameters<typeof stubApi>[0][string] = created) {
  const fetch = stubApi({ [stubKey(appConnectionRoutes.create)]: answer });
  const onConnected = vi.fn();
  renderInRouter(<AccessKeyForm scope={{ orgId: ORG_ID, projectId: PROJECT_ID }} onConnected={onConnected} />);
  await screen.findByRole("form", { name: "Connect with an access key" });
  return { fetch, onConnected };
}

const field = {
  name: () => screen.getByRole("textbox", { name: "Connection name" }) as HTMLInputElement,
  description: () => screen.getByRole("textbox", { name: "Description (optional)" }) as HTMLTextAreaElement,
  keyId: () => screen.getByRole("textbox", { name: "Access key ID" }) as HTMLInputElement,
  secret: () => screen.getByLabelText("Secret access key") as HTMLInputElement,
};
const type = typeInto;
const connect = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Connect to AWS" })));

function fillValid() {
  type(field.name(), "ci-keys");
  type(field.keyId(), "AKIAIOSFODNN7EXAMPLE");
  type(field.secret(), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
}

describe("AccessKeyForm", () => {
  it("names each missing field on submit, focuses the first, and sends nothing", async () => {
    const { fetch } = await renderForm();
    await connect();
    expect(errorOf(field.name())).toBe("Enter a name");
    expect(errorOf(field.keyId())).toBe("Enter the access key ID");
    expect(errorOf(field.secret())).toBe("Enter the secret access key");
    expect(field.name().getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field.name());
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows each rule at its field and clears it once fixed", async () => {
    await renderForm();
    type(field.name(), "Prod AWS");
    type(field.keyId(), "ASIAIOSFODNN7EXAMPLE");
    type(field.secret(), "has a space");
    type(field.description(), "x".repeat(257));
    await connect();
    expect(errorOf(field.name())).toBe("Use lowercase letters, digits and single hyphens, e.g. prod-aws");
    expect(errorOf(field.keyId())).toMatch(/^This is a temporary key \(ASIA…\)/);
    expect(errorOf(field.secret())).toBe("A secret access key has no spaces");
    expect(errorOf(field.description())).toBe("A description has at most 256 characters");

    type(field.name(), "prod-aws");
    type(field.keyId(), "AKIAIOSFODNN7EXAMPLE");
    await waitFor(() => expect(errorOf(field.name())).toBeNull());
    expect(errorOf(field.keyId())).toBeNull();
    expect(field.name().getAttribute("aria-invalid")).toBeNull();
    expect(errorOf(field.secret())).toBe("A secret access key has no spaces");
  });

  it("warns about a key ID AWS would not issue without blocking it (an emulator's 'test')", async () => {
    const { fetch } = await renderForm();
    fillValid();
    type(field.keyId(), "test");
    expect((await screen.findByRole("status")).textContent).toMatch(/AWS access key IDs are 16 to 128 capital/);
    await connect();
    await waitFor(() => expect(sent(fetch, "POST", CREATE)).toHaveLength(1));
    expect(sent(fetch, "POST", CREATE)[0]!.body).toMatchObject({ credentials: { accessKeyId: "test" } });
  });

  it("sends the method, the project and the key; on success hands the connection on and empties the form", async () => {
    const { fetch, onConnected } = await renderForm();
    fillValid();
    type(field.description(), "CI's key");
    await connect();
    await waitFor(() => expect(onConnected).toHaveBeenCalledWith(created.body.appConnection));
    expect(sent(fetch, "POST", CREATE).map((request) => request.body)).toEqual([
      {
        name: "ci-keys",
        description: "CI's key",
        method: "access-key",
        projectId: PROJECT_ID,
        credentials: {
          accessKeyId: "AKIAIOSFODNN7EXAMPLE",
          secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        },
      },
    ]);
    // The secret key leaves the page's memory with the form.
    expect(field.secret().value).toBe("");
    expect(field.name().value).toBe("");
  });

  it("disables Connect while AWS is asked, so a second click sends nothing more", async () => {
    let answer = (_: { body: unknown }) => {};
    const { fetch } = await renderForm(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    fillValid();
    await connect();
    const button = screen.getByRole("button", { name: "Connect to AWS" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.getAttribute("aria-busy")).toBe("true");
    fireEvent.click(button);
    await act(async () => answer(created));
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(sent(fetch, "POST", CREATE)).toHaveLength(1);
  });

  it("puts the server's issues on their fields (AWS refused the key) and keeps what was typed", async () => {
    await renderForm(
      badRequest([
        { path: ["credentials", "accessKeyId"], message: "AWS does not know this access key ID" },
        { path: ["name"], message: "A connection named ci-keys exists" },
      ]),
    );
    fillValid();
    await connect();
    await waitFor(() => expect(errorOf(field.keyId())).toBe("AWS does not know this access key ID"));
    expect(errorOf(field.name())).toBe("A connection named ci-keys exists");
    expect(document.activeElement).toBe(field.keyId());
    expect(field.name().value).toBe("ci-keys");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a refusal about no field above the button", async () => {
    await renderForm(failure(403, "Only organization admins can add connections"));
    fillValid();
    await connect();
    expect((await screen.findByRole("alert")).textContent).toContain("Only organization admins can add connections");
  });
});
