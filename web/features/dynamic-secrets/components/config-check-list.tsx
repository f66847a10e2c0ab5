import { CircleCheck, CircleMinus, CircleX, TriangleAlert } from "lucide-react";
import type { ConfigCheck, ConfigCheckStatus } from "#shared/schemas/dynamic-secrets.ts";
import { Badge, type BadgeVariant } from "#web/components/ui/badge.tsx";
import { Button } from "#web/components/ui/button.tsx";

const STATUS: Record<
  ConfigCheckStatus,
  { label: string; variant: BadgeVariant; Icon: typeof CircleCheck; iconClass: string }
> = {
  failed: { label: "Failed", variant: "destructive", Icon: CircleX, iconClass: "text-destructive" },
  warning: { label: "Warning", variant: "warning", Icon: TriangleAlert, iconClass: "text-warning-foreground" },
  skipped: { label: "Skipped", variant: "neutral", Icon: CircleMinus, iconClass: "text-muted-foreground" },
  ok: { label: "Passed", variant: "success", Icon: CircleCheck, iconClass: "text-success" },
};
const ORDER: ConfigCheckStatus[] = ["failed", "warning", "skipped", "ok"];

/** "1 failed, 2 passed": what a screen reader hears first, and what a person scans for. */
export function checkSummary(checks: readonly ConfigCheck[]): string {
  const counts = ORDER.map((status) => [status, checks.filter((c) => c.status === status).length] as const);
  return counts
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${STATUS[status].label.toLowerCase()}`)
    .join(", ");
}

/**
 * The answer of Test configuration, one row per check: its state in words (not colour alone), what it
 * concerns, and the message. A failed check about a form field offers to take the person to that field.
 */
export function ConfigCheckList({
  checks,
  onGoToField,
}: {
  checks: readonly ConfigCheck[];
  onGoToField: (field: string) => void;
}) {
  return (
    <ul className="grid gap-2" aria-label="Configuration checks">
      {checks.map((check) => {
        const state = STATUS[check.status];
        const field = check.field?.join(".");
        return (
          <li
            key={check.id}
            className={
              "grid grid-cols-[auto_minmax(0,1fr)] items-start gap-x-2 gap-y-1 " +
              "rounded-md border bg-background p-3 text-sm"
            }
          >
            <state.Icon aria-hidden="true" className={`mt-0.5 size-4 shrink-0 ${state.iconClass}`} />
            <div className="grid min-w-0 gap-1">
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant={state.variant}>{state.label}</Badge>
                <span className="font-medium [overflow-wrap:anywhere]">{check.title}</span>
              </div>
              <p
                className={`[overflow-wrap:anywhere] ${
                  check.status === "failed" ? "text-destructive" : "text-muted-foreground"
                }`}
              >
                {check.message}
              </p>
              {check.status === "failed" && field ? (
                <div>
                  <Button variant="link" size="sm" className="-ml-3" onClick={() => onGoToField(field)}>
                    Go to {check.title}
                  </Button>
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
