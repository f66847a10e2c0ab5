import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight, Check } from "lucide-react";
import type { ReactNode, Ref } from "react";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { awsAuthQueryOptions, identityQueryOptions, membershipsQueryOptions } from "#web/features/identities/api.ts";
import { AddMembershipForm } from "#web/features/identities/components/add-membership-form.tsx";
import { AwsAuthForm } from "#web/features/identities/components/aws-auth-form.tsx";
import { IdentityBasicsForm } from "#web/features/identities/components/identity-basics-form.tsx";
import { MembershipsTable } from "#web/features/identities/components/memberships-table.tsx";
import { WizardStepper } from "#web/features/identities/components/wizard-stepper.tsx";
import { useFocusOnChange } from "#web/lib/use-focus-on-change.ts";

const WIZARD_STEPS = ["Name and role", "AWS Auth", "Projects"] as const;
export type WizardStep = 1 | 2 | 3;

function StepCard({
  title,
  description,
  headingRef,
  children,
}: {
  title: string;
  description: string;
  /** Each new step's heading takes focus (issue 12). */
  headingRef: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle ref={headingRef}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/**
 * Create identity, in three steps. Each step saves as it goes (the identity exists after
 * step 1), and the step and identity live in the address, so Back and reload resume.
 */
export function CreateIdentityWizard({
  orgId,
  step,
  identityId,
  onStep,
  onFinished,
}: {
  orgId: string;
  step: WizardStep;
  identityId: string | undefined;
  onStep: (step: WizardStep, identityId: string) => void;
  onFinished: (identityId: string) => void;
}) {
  const identity = useQuery({ ...identityQueryOptions(identityId ?? ""), enabled: !!identityId });
  const awsAuth = useQuery({
    ...awsAuthQueryOptions(identityId ?? "", identity.data?.authMethods.includes("aws-auth") ?? false),
    enabled: !!identityId && step >= 2 && identity.isSuccess,
  });
  const memberships = useQuery({ ...membershipsQueryOptions(identityId ?? ""), enabled: !!identityId && step === 3 });
  const current: WizardStep = identityId ? step : 1;
  const stepHeading = useFocusOnChange<HTMLHeadingElement>(current);
  const loading =
    (identityId && identity.isPending) ||
    (current === 2 && awsAuth.isPending) ||
    (current === 3 && memberships.isPending);

  return (
    <div className="grid max-w-3xl gap-6">
      <WizardStepper steps={WIZARD_STEPS} current={current} />
      {loading ? (
        <Skeleton className="h-96 w-full" />
      ) : current === 1 ? (
        <StepCard
          headingRef={stepHeading}
          title="Name and role"
          description={
            "A machine identity is how a workload (a Lambda function, an EC2 instance, a CI " +
            "job) acts in Leasehold."
          }
        >
          <IdentityBasicsForm
            orgId={orgId}
            identity={identity.data ?? null}
            onSaved={(saved) => onStep(2, saved.id)}
            actions={({ pending }) => (
              <Button type="submit" pending={pending}>
                {identityId ? "Save and continue" : "Create and continue"}
                <ArrowRight aria-hidden="true" />
              </Button>
            )}
          />
        </StepCard>
      ) : current === 2 ? (
        <StepCard
          headingRef={stepHeading}
          title="AWS Auth"
          description={
            `How ${identity.data?.name ?? "the identity"} logs in: it signs an STS ` +
            "GetCallerIdentity request with its own AWS credentials, Leasehold asks AWS who " +
            "signed it, and checks that principal against these rules."
          }
        >
          <AwsAuthForm
            identityId={identityId!}
            existing={awsAuth.data ?? null}
            onSaved={() => onStep(3, identityId!)}
            actions={({ pending }) => (
              <>
                <Button variant="outline" onClick={() => onStep(1, identityId!)}>
                  <ArrowLeft aria-hidden="true" />
                  Back
                </Button>
                <Button type="submit" pending={pending}>
                  Save and continue
                  <ArrowRight aria-hidden="true" />
                </Button>
              </>
            )}
          />
        </StepCard>
      ) : (
        <StepCard
          headingRef={stepHeading}
          title="Projects"
          description={
            "Without a project membership the identity can do nothing in a project. Add it " +
            "where it needs to work; you can change this later."
          }
        >
          <div className="grid gap-5">
            <AddMembershipForm identityId={identityId!} existing={memberships.data ?? []} />
            {memberships.data && memberships.data.length > 0 ? (
              <MembershipsTable identityId={identityId!} memberships={memberships.data} canManage />
            ) : (
              <p className="text-sm text-muted-foreground">Not in any project yet.</p>
            )}
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => onStep(2, identityId!)}>
                <ArrowLeft aria-hidden="true" />
                Back
              </Button>
              <Button
                onClick={() => {
                  toast.success(`Identity “${identity.data?.name}” is ready`);
                  onFinished(identityId!);
                }}
              >
                <Check aria-hidden="true" />
                Finish
              </Button>
            </div>
          </div>
        </StepCard>
      )}
    </div>
  );
}
