import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { errorOf, failure, sent, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { openSecretForm, submitForm } from "../dynamic-secrets.fixtures.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PREVIEW = pathPattern(dynamicSecretRoutes.usernamePreview);
const template = () => screen.getByRole("textbox", { name: "Username template" });

describe("UsernameTemplateField", () => {
  it("shows the server's rendering of the template, asked again once typing settles", async () => {
    const { fetch } = await openSecretForm(null);
    expect(await screen.findByText("leasehold-x7k2")).toBeTruthy();
    expect(screen.getByText("Preview for you:", { exact: false })).toBeTruthy();
    expect(sent(fetch, "POST", PREVIEW)[0]!.body).toEqual({
      usernameTemplate: "{{randomUsername}}",
      dynamicSecretName: "my-dynamic-secret",
    });

    typeInto(screen.getByRole("textbox", { name: "Secret name" }), "dev-admin");
    typeInto(template(), "{{dynamicSecret.name}}-{{random 4}}");
    await waitFor(() =>
      expect(sent(fetch, "POST", PREVIEW).at(-1)!.body).toEqual({
        usernameTemplate: "{{dynamicSecret.name}}-{{random 4}}",
        dynamicSecretName: "dev-admin",
      }),
    );
  });

  it("shows why the server cannot render it, and refuses to save a template IAM would refuse", async () => {
    const { fetch } = await openSecretForm(null, {
      [stubKey(dynamicSecretRoutes.usernamePreview)]: failure(400, "Unknown variable {{nope}}"),
    });
    expect(await screen.findByText("Unknown variable {{nope}}")).toBeTruthy();
    typeInto(screen.getByRole("textbox", { name: "Secret name" }), "dev-admin");
    typeInto(screen.getByRole("textbox", { name: "Role ARN" }), "arn:aws:iam::123456789012:role/leasehold");
    typeInto(template(), "user name!");
    await submitForm("Create dynamic secret");
    expect(errorOf(template())).toMatch(
      /^The username template renders "user name!", which is not a valid IAM user name/,
    );
    expect(sent(fetch, "POST", pathPattern(dynamicSecretRoutes.create))).toHaveLength(0);
  });
});
