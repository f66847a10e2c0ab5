import { KeyRound, ShieldCheck } from "lucide-react";
import { useId, useRef, useState } from "react";
import type { AppConnection, AppConnectionMethod } from "#shared/schemas/app-connections.ts";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import type { ConnectionScope } from "#web/features/app-connections/api.ts";
import { AccessKeyForm } from "#web/features/app-connections/components/access-key-form.tsx";
import { AssumeRoleForm } from "#web/features/app-connections/components/assume-role-form.tsx";
import { GuideWithConnect } from "#web/features/app-connections/components/connect-in-reach.tsx";
import { ConnectedNotice } from "#web/features/app-connections/components/connected-notice.tsx";
import { PermissionPolicyBuilder } from "#web/features/app-connections/components/permission-policy-builder.tsx";
import { ServerPrincipalCard } from "#web/features/app-connections/components/server-principal-card.tsx";
import { SetupStep } from "#web/features/app-connections/components/setup-step.tsx";
import { TrustPolicySection } from "#web/features/app-connections/components/trust-policy-section.tsx";

const METHODS: { method: AppConnectionMethod; title: string; icon: typeof ShieldCheck; badge?: string; why: string }[] =
  [
    {
      method: "assume-role",
      title: "Assume Role",
      icon: ShieldCheck,
      badge: "Recommended",
      why:
        "Leasehold assumes a role in your account for short sessions: no long-lived key " +
        "of yours is stored anywhere.",
    },
    {
      method: "access-key",
      title: "Access Key",
      icon: KeyRound,
      why: "Leasehold stores an IAM user's access key, encrypted. For when a role cannot be used.",
    },
  ];

function MethodChoice({ onChoose }: { onChoose: (method: AppConnectionMethod) => void }) {
  return (
    <section aria-labelledby="method-heading" className="grid gap-3">
      <h2 id="method-heading" className="text-base font-semibold">
        How should Leasehold reach your AWS account?
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        {METHODS.map(({ method, title, icon: Icon, badge, why }) => (
          <button
            key={method}
            type="button"
            onClick={() => onChoose(method)}
            className={
              "grid cursor-pointer gap-2 rounded-xl border bg-card p-5 text-left shadow-xs " +
              "transition-colors hover:border-primary/60 hover:bg-accent/40 " +
              "focus-visible:outline-2 focus-visible:outline-offset-2 " +
              "focus-visible:outline-ring"
            }
          >
            <span className="flex items-center gap-2 text-base font-semibold">
              <Icon aria-hidden="true" className="size-5 text-primary" />
              {title}
              {badge ? <Badge variant="primary">{badge}</Badge> : null}
            </span>
            <span className="text-sm text-muted-foreground">{why}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

/**
 * The setup guide: choose a method, do the AWS side with generated policies, then connect.
 * The chosen method lives in the address (`?method=`), so Back and reload keep the step.
 */
export function ConnectionWizard({
  scope,
  method,
  onMethodChange,
  onFinished,
}: {
  scope: ConnectionScope;
  method: AppConnectionMethod | undefined;
  onMethodChange: (method: AppConnectionMethod | undefined) => void;
  onFinished: () => void;
}) {
  const [connected, setConnected] = useState<AppConnection | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formId = useId();
  const connectRef = useRef<HTMLDivElement>(null);

  if (connected) {
    return (
      <div className="grid max-w-3xl gap-4">
        <ConnectedNotice connection={connected} />
        <div>
          <Button onClick={onFinished}>Back to connections</Button>
        </div>
      </div>
    );
  }
  if (!method) return <MethodChoice onChoose={onMethodChange} />;

  const form = { scope, onConnected: setConnected, id: formId, onSubmittingChange: setSubmitting };
  const guide =
    method === "assume-role" ? (
      <>
        <SetupStep
          number={1}
          title="Check Leasehold's AWS principal"
          description="Leasehold calls AWS as this identity. It must be allowed to assume roles."
        >
          <ServerPrincipalCard scope={scope} />
        </SetupStep>
        <SetupStep
          number={2}
          title="Create the role, trusting Leasehold"
          description="In the AWS console: IAM → Roles → Create role → Custom trust policy."
        >
          <TrustPolicySection scope={scope} />
        </SetupStep>
        <SetupStep number={3} title="Give the role its permissions">
          <PermissionPolicyBuilder principalKind="role" />
        </SetupStep>
      </>
    ) : (
      <SetupStep
        number={1}
        title="Give the IAM user its permissions"
        description="In the AWS console: IAM → Users → your user (or Create user)."
      >
        <PermissionPolicyBuilder principalKind="user" />
      </SetupStep>
    );
  const connect =
    method === "assume-role" ? (
      <SetupStep
        number={4}
        title="Connect"
        description="Leasehold assumes the role now, then asks AWS who it is. Nothing is saved unless that works."
      >
        <AssumeRoleForm {...form} />
      </SetupStep>
    ) : (
      <SetupStep
        number={2}
        title="Connect"
        description="Leasehold asks AWS who the key belongs to. Nothing is saved unless AWS accepts the key."
      >
        <AccessKeyForm {...form} />
      </SetupStep>
    );

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-muted-foreground">Method:</span>
        <Badge variant="outline">{method === "assume-role" ? "Assume Role" : "Access Key"}</Badge>
        <Button variant="link" size="sm" className="px-0" onClick={() => onMethodChange(undefined)}>
          Choose another method
        </Button>
      </div>
      <GuideWithConnect
        guide={guide}
        connect={connect}
        connectRef={connectRef}
        formId={formId}
        submitting={submitting}
      />
    </div>
  );
}
