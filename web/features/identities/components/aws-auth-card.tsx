import { useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound, Pencil, Unplug } from "lucide-react";
import { type ReactNode, useState } from "react";
import { splitCommaList } from "#shared/arn.ts";
import { formatDurationForDisplay } from "#shared/durations.ts";
import { type IdentityAwsAuth, type PrincipalBinding, SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import type { Identity } from "#shared/schemas/identities.ts";
import { GLOBAL_STS_ENDPOINT } from "#shared/sts-endpoint.ts";
import { allowsEveryAddress } from "#shared/trusted-ips.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Badge } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "#web/components/ui/dialog.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { awsAuthQueryOptions, useDetachAwsAuth, useRebindPrincipal } from "#web/features/identities/api.ts";
import { AwsAuthForm } from "#web/features/identities/components/aws-auth-form.tsx";

function Entry({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function ListOrNone({ items, none }: { items: string[]; none: string }) {
  if (items.length === 0) return <span className="text-muted-foreground">{none}</span>;
  return (
    <ul className="grid gap-0.5">
      {items.map((item) => (
        <li key={item} className="font-mono text-xs break-all">
          {item}
        </li>
      ))}
    </ul>
  );
}

const BINDING_WORDS: Record<PrincipalBinding["status"], string> = {
  bound: "Bound",
  unbound: "Binds at its first login",
  unbindable: "Wildcard: cannot be bound",
};

/**
 * Each allowed entry and its unique-ID binding: an exact role or user ARN admits only the principal it was bound
 * to, so one deleted and re-created under the same name is refused until an admin re-binds it.
 */
function PrincipalBindings({
  identity,
  config,
  canManage,
}: {
  identity: Identity;
  config: IdentityAwsAuth;
  canManage: boolean;
}) {
  const rebind = useRebindPrincipal(identity.id);
  if (config.principalBindings.length === 0)
    return <span className="text-muted-foreground">Any principal of the allowed accounts</span>;
  return (
    <ul className="grid gap-2">
      {config.principalBindings.map((entry) => (
        <li key={entry.principalArn} className="grid gap-1">
          <span className="font-mono text-xs break-all">{entry.principalArn}</span>
          <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <Badge variant={entry.status === "bound" ? "success" : "neutral"}>{BINDING_WORDS[entry.status]}</Badge>
            {entry.status === "bound" ? (
              <span>
                to <span className="font-mono">{entry.uniqueId}</span>,{" "}
                {entry.how === "iam" ? "resolved with IAM" : "learnt at its first login"}
                {entry.boundAt ? ` on ${new Date(entry.boundAt).toLocaleDateString()}` : ""}
              </span>
            ) : null}
            {canManage && entry.status === "bound" ? (
              <ConfirmDialog
                trigger={
                  <Button variant="outline" size="sm" aria-label={`Re-bind ${entry.principalArn}`}>
                    Re-bind
                  </Button>
                }
                title="Re-bind this principal?"
                description={
                  "Only after a deliberate re-creation: from now on, the principal that has the " +
                  `name ${entry.principalArn} today may log in as ${identity.name}, and the one it ` +
                  `was bound to (${entry.uniqueId}) no longer may.`
                }
                confirmLabel="Re-bind"
                onConfirm={async () => {
                  await rebind.mutateAsync({ principalArn: entry.principalArn });
                  toast.success("Principal re-bound");
                }}
              />
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function AwsAuthDialog({
  identity,
  existing,
  trigger,
}: {
  identity: Identity;
  existing: IdentityAwsAuth | null;
  trigger: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent size="lg">
        <DialogHeader>
          <DialogTitle>{existing ? "Edit AWS Auth" : "Set up AWS Auth"}</DialogTitle>
          <DialogDescription>
            Changes apply to the next login. Tokens already issued keep their TTLs; trusted IPs apply to them at once.
          </DialogDescription>
        </DialogHeader>
        <AwsAuthForm
          identityId={identity.id}
          existing={existing}
          onSaved={() => {
            setOpen(false);
            toast.success("AWS Auth saved");
          }}
          actions={({ pending }) => (
            <Button type="submit" pending={pending}>
              Save AWS Auth
            </Button>
          )}
        />
      </DialogContent>
    </Dialog>
  );
}

/** The identity's AWS Auth rules, as a person reads them, with edit and detach. */
export function AwsAuthCard({ identity, canManage }: { identity: Identity; canManage: boolean }) {
  const { data: config } = useSuspenseQuery(
    awsAuthQueryOptions(identity.id, identity.authMethods.includes("aws-auth")),
  );
  const detach = useDetachAwsAuth(identity.id);

  if (!config) {
    return (
      <EmptyState
        icon={KeyRound}
        title="No AWS Auth"
        description="Without an auth method this identity cannot log in."
        action={
          canManage ? (
            <AwsAuthDialog identity={identity} existing={null} trigger={<Button>Set up AWS Auth</Button>} />
          ) : null
        }
      />
    );
  }

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle>AWS Auth</CardTitle>
            <CardDescription>Who may log in as {identity.name}, and the tokens they get.</CardDescription>
          </div>
          {canManage ? (
            <div className="flex flex-wrap gap-2">
              <AwsAuthDialog
                identity={identity}
                existing={config}
                trigger={
                  <Button variant="outline" size="sm" aria-label="Edit AWS Auth">
                    <Pencil aria-hidden="true" />
                    Edit
                  </Button>
                }
              />
              <ConfirmDialog
                trigger={
                  <Button variant="outline-destructive" size="sm">
                    <Unplug aria-hidden="true" />
                    Detach
                  </Button>
                }
                title="Detach AWS Auth?"
                description={
                  `Every token ${identity.name} got through AWS Auth stops working at once, and it ` +
                  "cannot log in until an auth method is set up again."
                }
                confirmLabel="Detach and revoke tokens"
                onConfirm={async () => {
                  await detach.mutateAsync();
                  toast.success("AWS Auth detached; its tokens are revoked");
                }}
              />
            </div>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3">
          <Entry label="Allowed principal ARNs">
            <PrincipalBindings identity={identity} config={config} canManage={canManage} />
          </Entry>
          <Entry label="Allowed account IDs">
            <ListOrNone items={splitCommaList(config.allowedAccountIds)} none="Any account of the allowed principals" />
          </Entry>
          <Entry label="STS endpoint">
            <span className="font-mono text-xs">{config.stsEndpoint}</span>
            {config.stsEndpoint === GLOBAL_STS_ENDPOINT ? (
              <span className="block text-muted-foreground">
                Each login is checked in the region it was signed for.
              </span>
            ) : null}
          </Entry>
          <Entry label="Token TTL">
            {config.accessTokenTTL === 0 ? "Until the max TTL" : formatDurationForDisplay(config.accessTokenTTL)}
          </Entry>
          <Entry label="Token max TTL">{formatDurationForDisplay(config.accessTokenMaxTTL)}</Entry>
          <Entry label="Uses per token">
            {config.accessTokenNumUsesLimit === 0 ? "Unlimited" : config.accessTokenNumUsesLimit.toLocaleString()}
          </Entry>
          <Entry label="Trusted IPs">
            {allowsEveryAddress(config.accessTokenTrustedIps) && config.accessTokenTrustedIps.length === 2 ? (
              <span>Any address</span>
            ) : (
              <ListOrNone items={config.accessTokenTrustedIps.map((t) => t.ipAddress)} none="" />
            )}
          </Entry>
          <Entry label="Server binding">
            {config.serverIdHeader ? (
              <span className="grid gap-1">
                <span>
                  <Badge variant="success">Required</Badge>{" "}
                  <span className="font-mono text-xs">
                    {SERVER_ID_HEADER}: {config.serverId}
                  </span>
                </span>
                <span className="text-muted-foreground">Infisical's SDKs cannot send this header.</span>
              </span>
            ) : (
              <Badge>Not required</Badge>
            )}
          </Entry>
        </dl>
      </CardContent>
    </Card>
  );
}
