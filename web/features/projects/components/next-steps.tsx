import { Link, type LinkProps } from "@tanstack/react-router";
import { clsx } from "clsx";
import { ArrowRight, CircleAlert, CircleCheck } from "lucide-react";
import type { ProjectOverview } from "#shared/schemas/project-overview.ts";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";

/** What the signed-in person may do here; a step they cannot do says who can. The server decides every request. */
export interface NextStepPermissions {
  connectAws: boolean;
  addDynamicSecret: boolean;
  createIdentity: boolean;
  generateLease: boolean;
}

type StepState = "done" | "attention" | "todo";

interface Step {
  key: string;
  title: string;
  state: StepState;
  detail: string;
  /** Said when the person cannot take the action themselves. */
  whoCan: string | null;
  action: { label: string; link: LinkProps };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function stepsOf(
  projectId: string,
  envSlug: string | undefined,
  setup: ProjectOverview["setup"],
  can: NextStepPermissions,
): Step[] {
  const connections: LinkProps = { to: "/projects/$projectId/app-connections", params: { projectId } };
  const secrets: LinkProps = {
    to: "/projects/$projectId/secrets",
    params: { projectId },
    search: envSlug ? { env: envSlug } : {},
  };
  const failing = setup.appConnections - setup.connectedAppConnections;
  const connect: Step =
    setup.appConnections > 0
      ? {
          key: "connect",
          title: "Connect AWS",
          state: setup.connectedAppConnections === 0 ? "attention" : "done",
          detail:
            `${plural(setup.appConnections, "App Connection")} this project can use` +
            (failing > 0 ? `; ${failing} failed ${failing === 1 ? "its" : "their"} last check with AWS.` : "."),
          whoCan: null,
          action: { label: "View connections", link: connections },
        }
      : setup.dynamicSecrets > 0
        ? {
            key: "connect",
            title: "Connect AWS",
            state: "done",
            detail: "Your dynamic secrets reach AWS with their own credentials.",
            whoCan: null,
            action: { label: "View connections", link: connections },
          }
        : {
            key: "connect",
            title: "Connect AWS",
            state: "todo",
            detail: "Let Leasehold into your AWS account: a role to assume (recommended) or an IAM user's key.",
            whoCan: can.connectAws ? null : "A project admin can connect AWS.",
            action: can.connectAws
              ? {
                  label: "Connect AWS",
                  link: { to: "/projects/$projectId/app-connections/new", params: { projectId } },
                }
              : { label: "View connections", link: connections },
          };
  return [
    connect,
    {
      key: "secret",
      title: "Add a dynamic secret",
      state: setup.dynamicSecrets > 0 ? "done" : "todo",
      detail:
        setup.dynamicSecrets > 0
          ? `${plural(setup.dynamicSecrets, "dynamic secret")} in this project.`
          : "It says which AWS credentials to hand out: an IAM user per lease, or a short STS session.",
      whoCan: setup.dynamicSecrets > 0 || can.addDynamicSecret ? null : "A project admin or developer can add one.",
      action: {
        label: setup.dynamicSecrets > 0 || !can.addDynamicSecret ? "View dynamic secrets" : "Add a dynamic secret",
        link: secrets,
      },
    },
    {
      key: "identity",
      title: "Give a machine identity access",
      state: setup.identities > 0 ? "done" : "todo",
      detail:
        setup.identities > 0
          ? `${plural(setup.identities, "machine identity", "machine identities")} can work in this project.`
          : "A Lambda function, an EC2 instance or a CI job logs in with its own AWS credentials as an identity.",
      whoCan: setup.identities > 0 || can.createIdentity ? null : "An organization admin can create one.",
      action:
        setup.identities === 0 && can.createIdentity
          ? { label: "Create an identity", link: { to: "/identities/new" } }
          : { label: "View identities", link: { to: "/identities" } },
    },
    {
      key: "lease",
      title: "Generate a first lease",
      state: setup.hasLeases ? "done" : "todo",
      detail: setup.hasLeases
        ? "Leases have been generated in this project."
        : setup.dynamicSecrets > 0
          ? "Generate short-lived credentials from a dynamic secret to see it work end to end."
          : "Needs a dynamic secret first.",
      whoCan: setup.hasLeases || can.generateLease ? null : "A project admin or developer can generate one.",
      action: { label: setup.hasLeases ? "View leases" : "Generate a lease", link: secrets },
    },
  ];
}

const STATE_WORDS: Record<StepState, string> = { done: "Done", attention: "Needs attention", todo: "To do" };

/** The four steps from an empty project to a first lease, each with its state and a link to where it is done. */
export function NextSteps({
  projectId,
  envSlug,
  setup,
  can,
}: {
  projectId: string;
  /** The environment selected on the page: the secrets links open it. */
  envSlug: string | undefined;
  setup: ProjectOverview["setup"];
  can: NextStepPermissions;
}) {
  const steps = stepsOf(projectId, envSlug, setup, can);
  const done = steps.filter((step) => step.state === "done").length;
  const next = steps.find((step) => step.state !== "done");
  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>{next ? "Next steps" : "Setup complete"}</CardTitle>
          <Badge variant={next ? "neutral" : "success"}>
            {done} of {steps.length} done
          </Badge>
        </div>
        <CardDescription>
          {next
            ? "From an empty project to short-lived AWS credentials."
            : "AWS is connected, secrets hand out leases, and a machine identity can log in to get them."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {next ? (
          <ol aria-label="Setup steps" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {steps.map((step, index) => (
              <StepTile key={step.key} step={step} number={index + 1} isNext={step === next} />
            ))}
          </ol>
        ) : (
          // All done: one line each, so the page's room goes to the environments and the activity.
          <ol aria-label="Setup steps" className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
            {steps.map((step) => (
              <li key={step.key} className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
                <CircleCheck aria-hidden="true" className="size-4 shrink-0 text-success" />
                <span className="font-medium">{step.title}</span>
                <span className="sr-only">: {STATE_WORDS[step.state]}.</span>
                <Link {...step.action.link} className="text-primary underline-offset-4 hover:underline">
                  {step.action.label}
                </Link>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

function StepTile({ step, number, isNext }: { step: Step; number: number; isNext: boolean }) {
  return (
    <li
      aria-current={isNext ? "step" : undefined}
      className={clsx(
        "flex flex-col gap-2 rounded-lg border p-4",
        isNext ? "border-primary/50 bg-primary/5" : "bg-card",
      )}
    >
      <div className="flex items-center gap-2">
        <StepIcon state={step.state} number={number} />
        <h3 className="text-sm font-semibold">{step.title}</h3>
      </div>
      <p className="text-xs font-medium text-muted-foreground">
        {isNext && step.state === "todo" ? "Next step" : STATE_WORDS[step.state]}
      </p>
      <p className="text-sm text-muted-foreground">{step.detail}</p>
      {step.whoCan ? <p className="text-sm">{step.whoCan}</p> : null}
      <div className="mt-auto pt-1">
        <Button asChild size="sm" variant={isNext && !step.whoCan ? "primary" : "outline"}>
          <Link {...step.action.link}>
            {step.action.label}
            <ArrowRight aria-hidden="true" />
          </Link>
        </Button>
      </div>
    </li>
  );
}

function StepIcon({ state, number }: { state: StepState; number: number }) {
  if (state === "done") return <CircleCheck aria-hidden="true" className="size-5 shrink-0 text-success" />;
  if (state === "attention")
    return <CircleAlert aria-hidden="true" className="size-5 shrink-0 text-warning-foreground" />;
  return (
    <span
      aria-hidden="true"
      className="flex size-5 shrink-0 items-center justify-center rounded-full border text-xs font-semibold"
    >
      {number}
    </span>
  );
}
