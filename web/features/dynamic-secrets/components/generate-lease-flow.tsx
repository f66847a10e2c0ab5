import { useState } from "react";
import { parseDuration } from "#shared/durations.ts";
import type { DynamicSecret, SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { useCreateLease } from "#web/features/dynamic-secrets/api.ts";
import {
  type IssuedLease,
  LeaseCredentialsDialog,
} from "#web/features/dynamic-secrets/components/lease-credentials-dialog.tsx";
import { TtlDialog } from "#web/features/dynamic-secrets/components/ttl-dialog.tsx";
import { leaseWords } from "#web/features/dynamic-secrets/lease-kind.ts";

/** Generate: a TTL dialog (default and max shown, validated), then the credentials, shown once. */
export function GenerateLeaseFlow({
  location,
  secret,
  onClose,
}: {
  location: SecretLocation;
  secret: DynamicSecret | null;
  onClose: () => void;
}) {
  const createLease = useCreateLease(location);
  const [issued, setIssued] = useState<IssuedLease | null>(null);
  const max = secret?.maxTTL ? parseDuration(secret.maxTTL) : null;
  return (
    <>
      <TtlDialog
        open={secret !== null && issued === null}
        onOpenChange={(open) => !open && onClose()}
        title={`Generate AWS credentials from “${secret?.name ?? ""}”`}
        description={secret ? leaseWords(secret).generate : ""}
        initialTtl={secret?.defaultTTL ?? "1h"}
        maxSeconds={max}
        maxMessage={`The TTL is at most ${secret?.maxTTL ?? ""}, this secret's max TTL`}
        hint={
          "Default TTL " +
          `${secret?.defaultTTL ?? ""}${secret?.maxTTL ? `, max TTL ${secret.maxTTL}` : ", no max TTL"}. ` +
          "Use 30m, 1h, 7d…"
        }
        submitLabel="Generate"
        onSubmit={async (ttl) => setIssued(await createLease.mutateAsync({ dynamicSecretName: secret!.name, ttl }))}
      />
      <LeaseCredentialsDialog
        issued={issued}
        onClose={() => {
          setIssued(null);
          onClose();
        }}
      />
    </>
  );
}
