import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { renderInRouter, sent, stubApi, typeInto } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { awsAuthFixture, IDENTITY_ID, identityFixture, ORG_ID, projectFixture } from "../identities.fixtures.ts";
import { CreateIdentityWizard, type WizardStep } from "./create-identity-wizard.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const fresh = identityFixture({ authMethods: [] });

function renderWizard(step: WizardStep, identityId: string | undefined) {
  const fetch = stubApi({
    [stubKey(identityRoutes.create)]: { body: { identity: fresh } },
    [stubKey(identityRoutes.get, { identityId: IDENTITY_ID })]: { body: { identity: fresh } },
    [stubKey(awsAuthRoutes.attach, { identityId: IDENTITY_ID })]: { body: { identityAwsAuth: awsAuthFixture() } },
    [stubKey(identityRoutes.listMemberships, { identityId: IDENTITY_ID })]: { body: { memberships: [] } },
    [stubKey(projectRoutes.list)]: {
      body: { projects: [projectFixture("7d3e2f1a-4b5c-4d6e-8f70-8192a3b4c5d6", "Payments")], totalCount: 1 },
    },
  });
  const onStep = vi.fn();
  const onFinished = vi.fn();
  renderInRouter(<Page step={step} identityId={identityId} onStep={onStep} onFinished={onFinished} />, {
    toaster: true,
  });
  return { fetch, onStep, onFinished };
}

/** The page keeps the step and the identity in the address; here, in state. */
function Page(props: {
  step: WizardStep;
  identityId: string | undefined;
  onStep: (step: WizardStep, identityId: string) => void;
  onFinished: (identityId: string) => void;
}) {
  const [at, setAt] = useState({ step: props.step, identityId: props.identityId });
  return (
    <CreateIdentityWizard
      orgId={ORG_ID}
      step={at.step}
      identityId={at.identityId}
      onStep={(next, id) => {
        props.onStep(next, id);
        setAt({ step: next, identityId: id });
      }}
      onFinished={props.onFinished}
    />
  );
}

/** Each new step's heading takes focus, so a screen reader hears where the person is. */
const focusedHeading = () => document.activeElement?.textContent;

const currentStep = () =>
  within(screen.getByRole("list", { name: "Steps" }))
    .getAllByRole("listitem")
    .find((item) => item.getAttribute("aria-current") === "step")?.textContent;

describe("CreateIdentityWizard", () => {
  it("step 1 creates the identity and moves on with its ID", async () => {
    const { fetch, onStep } = renderWizard(1, undefined);
    await screen.findByRole("form", { name: "Identity name and role" });
    expect(currentStep()).toBe("1Name and role");
    typeInto(screen.getByRole("textbox", { name: "Name" }), "payments-lambda");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create and continue" })));
    await waitFor(() => expect(onStep).toHaveBeenCalledWith(2, IDENTITY_ID));
    expect(sent(fetch, "POST", pathPattern(identityRoutes.create))[0]!.body).toMatchObject({ name: "payments-lambda" });
  });

  it("step 2 takes focus on its heading, marks step 1 done, goes Back or saves AWS Auth and moves on", async () => {
    const { fetch, onStep } = renderWizard(1, undefined);
    typeInto(await screen.findByRole("textbox", { name: "Name" }), "payments-lambda");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Create and continue" })));
    await waitFor(() => expect(focusedHeading()).toBe("AWS Auth"));
    expect(currentStep()).toBe("2AWS Auth");
    expect(screen.getByText("(done)", { exact: false }).closest("li")!.textContent).toContain("Name and role");
    // A new identity has no AWS Auth to read.
    expect(sent(fetch, "GET", /aws-auth/)).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    await waitFor(() => expect(focusedHeading()).toBe("Name and role"));
    expect(onStep).toHaveBeenLastCalledWith(1, IDENTITY_ID);
    // Back on step 1 the identity exists: it is saved, not created again.
    expect(screen.getByRole("button", { name: "Save and continue" })).toBeTruthy();
    cleanup();

    const second = renderWizard(2, IDENTITY_ID);
    typeInto(await screen.findByRole("textbox", { name: "Allowed AWS account IDs" }), "123456789012");
    fireEvent.click(screen.getByRole("radio", { name: /^Leasehold's CLI/ }));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save and continue" })));
    await waitFor(() => expect(focusedHeading()).toBe("Projects"));
    expect(second.onStep).toHaveBeenLastCalledWith(3, IDENTITY_ID);
    expect(sent(second.fetch, "POST", /aws-auth/)[0]!.body).toMatchObject({ allowedAccountIds: "123456789012" });
  });

  it("step 3 adds projects, and Finish says the identity is ready", async () => {
    const { onStep, onFinished } = renderWizard(3, IDENTITY_ID);
    expect(await screen.findByRole("form", { name: "Add to a project" })).toBeTruthy();
    expect(screen.getByText("Not in any project yet.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Finish" }));
    expect(onFinished).toHaveBeenCalledWith(IDENTITY_ID);
    expect(await screen.findByText("Identity “payments-lambda” is ready")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(onStep).toHaveBeenCalledWith(2, IDENTITY_ID);
  });
});
