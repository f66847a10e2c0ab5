import { useQuery } from "@tanstack/react-query";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { leaseHealthQueryOptions } from "#web/features/lease-health/api.ts";
import { formatDateTime } from "#web/lib/format.ts";

/**
 * For org admins: a banner while any revocation is more than a minute overdue, meaning an
 * expired lease's IAM user may still work. Says how many, since when, and AWS's last error.
 * Renders nothing for members, while loading, on a failed check, and when all is well:
 * it is a warning about AWS, never one more thing on the page to get wrong.
 */
export function OverdueRevocationsBanner({ session }: { session: SessionResponse }) {
  const isAdmin = session.orgRole === "admin";
  const { data } = useQuery({ ...leaseHealthQueryOptions(session.organization.id), enabled: isAdmin });
  const overdue = data?.overdueRevocations;
  if (!isAdmin || !overdue || overdue.count === 0) return null;
  // Its own container (the page's width and padding), so the app layout only places it.
  return (
    <div className="mx-auto w-full max-w-6xl px-4 pt-6 md:px-8 md:pt-8">
      <Alert variant="warning" role="status" aria-live="polite" data-testid="overdue-revocations">
        <p className="font-medium">
          {overdue.count === 1 ? "1 revocation is overdue" : `${overdue.count} revocations are overdue`}: expired
          credentials may still work in AWS.
        </p>
        {overdue.oldestExpiredAt && (
          <p>The oldest expired at {formatDateTime(overdue.oldestExpiredAt)}. Leasehold keeps retrying.</p>
        )}
        {overdue.lastError && (
          <p className="break-words">
            Last error ({formatDateTime(overdue.lastError.at)}): {overdue.lastError.message}
          </p>
        )}
      </Alert>
    </div>
  );
}
