import { useQuery } from "@tanstack/react-query";
import { Ban, RefreshCw, Ticket } from "lucide-react";
import { useState } from "react";
import type { IdentityAccessToken, TokenStatus } from "#shared/schemas/tokens.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Badge, type BadgeVariant } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "#web/components/ui/card.tsx";
import { EmptyState } from "#web/components/ui/empty-state.tsx";
import { Pagination } from "#web/components/ui/pagination.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "#web/components/ui/table.tsx";
import { toast } from "#web/components/ui/toast.ts";
import {
  TOKENS_PAGE_SIZE,
  type TokenListParams,
  tokensQueryOptions,
  useRevokeToken,
} from "#web/features/identities/api.ts";
import { tokenStatusLabels } from "#web/features/identities/components/labels.ts";
import { formatCompactDateTime, formatDateTime } from "#web/lib/format.ts";
import { formatRelativeTime } from "#web/lib/relative-time.ts";

const statusVariant: Record<TokenStatus, BadgeVariant> = {
  active: "success",
  expired: "neutral",
  revoked: "destructive",
  exhausted: "warning",
};

function When({ iso, relative = false }: { iso: string | null; relative?: boolean }) {
  if (!iso) return <span className="text-muted-foreground">Never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative ? formatRelativeTime(iso) : formatCompactDateTime(iso)}
    </time>
  );
}

function TokenRow({
  token,
  canManage,
  onRevoke,
}: {
  token: IdentityAccessToken;
  canManage: boolean;
  onRevoke: (token: IdentityAccessToken) => Promise<unknown>;
}) {
  const created = formatCompactDateTime(token.createdAt);
  return (
    <TableRow>
      <TableCell className="whitespace-nowrap">
        <When iso={token.createdAt} />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <When iso={token.lastUsedAt} relative />
      </TableCell>
      <TableCell className="whitespace-nowrap tabular-nums">
        {token.numUses.toLocaleString()} / {token.numUsesLimit === 0 ? "∞" : token.numUsesLimit.toLocaleString()}
      </TableCell>
      <TableCell className="whitespace-nowrap">
        {token.status === "revoked" ? (
          <span className="text-muted-foreground">—</span>
        ) : (
          <time
            dateTime={token.expiresAt}
            title={`${formatDateTime(token.expiresAt)}; renewable until ${formatDateTime(token.maxExpiresAt)}`}
          >
            {formatRelativeTime(token.expiresAt)}
          </time>
        )}
      </TableCell>
      <TableCell className="max-w-72 font-mono text-xs break-all">{token.principalArn ?? "—"}</TableCell>
      <TableCell className="font-mono text-xs">{token.sourceIp ?? "—"}</TableCell>
      <TableCell>
        <Badge variant={statusVariant[token.status]} title={token.revokedReason ?? undefined}>
          {tokenStatusLabels[token.status]}
        </Badge>
      </TableCell>
      {canManage ? (
        <TableCell className="text-right">
          {token.status === "revoked" ? null : (
            <ConfirmDialog
              trigger={
                <Button variant="ghost" size="sm" aria-label={`Revoke the token created ${created}`}>
                  <Ban aria-hidden="true" />
                  Revoke
                </Button>
              }
              title="Revoke this token?"
              description={
                `The next request with the token created ${created} gets a 401. The machine can ` +
                "log in again for a new one, if its AWS Auth still allows it."
              }
              confirmLabel="Revoke token"
              onConfirm={() => onRevoke(token)}
            />
          )}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

/** The identity's tokens: who AWS said logged in, from where, how much each was used, and a revoke button. */
export function TokensCard({ identityId, canManage }: { identityId: string; canManage: boolean }) {
  const [params, setParams] = useState<TokenListParams>({ page: 1, status: "active" });
  const tokens = useQuery(tokensQueryOptions(identityId, params));
  const revoke = useRevokeToken(identityId);

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1.5">
            <CardTitle>Access tokens</CardTitle>
            <CardDescription>
              Issued at each login. The tokens themselves are never stored or shown: only their SHA-256.
            </CardDescription>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={params.status === "all"}
                onChange={(event) => setParams({ page: 1, status: event.target.checked ? "all" : "active" })}
              />
              Show revoked and expired
            </label>
            <Button
              variant="outline"
              size="sm"
              onClick={() => void tokens.refetch()}
              pending={tokens.isFetching && !tokens.isPending}
            >
              <RefreshCw aria-hidden="true" />
              Refresh
            </Button>
          </div>
        </div>
      </CardHeader>
      <CardContent>
        {tokens.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : tokens.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {tokens.error.message}
          </p>
        ) : tokens.data.totalCount === 0 ? (
          <EmptyState
            icon={Ticket}
            title={params.status === "active" ? "No active tokens" : "No tokens"}
            description="A token appears here each time a machine logs in as this identity."
          />
        ) : (
          <>
            <Table aria-label="Access tokens">
              <TableHeader>
                <TableRow>
                  <TableHead>Created</TableHead>
                  <TableHead>Last used</TableHead>
                  <TableHead>Uses</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead>Principal ARN</TableHead>
                  <TableHead>Source IP</TableHead>
                  <TableHead>Status</TableHead>
                  {canManage ? (
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {tokens.data.tokens.map((token) => (
                  <TokenRow
                    key={token.id}
                    token={token}
                    canManage={canManage}
                    onRevoke={async (t) => {
                      await revoke.mutateAsync(t.id);
                      toast.success("Token revoked");
                    }}
                  />
                ))}
              </TableBody>
            </Table>
            <Pagination
              page={params.page}
              pageSize={TOKENS_PAGE_SIZE}
              totalCount={tokens.data.totalCount}
              onPageChange={(page) => setParams((p) => ({ ...p, page }))}
              noun="tokens"
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}
