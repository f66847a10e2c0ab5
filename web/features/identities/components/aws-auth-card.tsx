import { useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound, Pencil, Unplug } from "lucide-react";
import { type ReactNode, useState } from "react";
import { splitCommaList } from "#shared/arn.ts";
import { formatDuration } from "#shared/durations.ts";
import { type IdentityAwsAuth, SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
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
import { awsAuthQueryOptions, useDetachAwsAuth } from "#web/features/identities/api.ts";
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
  const { data: config } = useSuspenseQuery(awsAuthQueryOptions(identity.id));
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
                description={`Every token ${identity.name} got through AWS Auth stops working at once, and it cannot log in until an auth method is set up again.`}
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
            <ListOrNone
              items={splitCommaList(config.allowedPrincipalArns)}
              none="Any principal of the allowed accounts"
            />
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
            {config.accessTokenTTL === 0 ? "Until the max TTL" : formatDuration(config.accessTokenTTL)}
          </Entry>
          <Entry label="Token max TTL">{formatDuration(config.accessTokenMaxTTL)}</Entry>
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
