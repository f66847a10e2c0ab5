import { clsx } from "clsx";
import { Check } from "lucide-react";

/** The wizard's progress: done steps show a check, the current one is marked for screen readers. */
export function WizardStepper({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <ol aria-label="Steps" className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
      {steps.map((title, index) => {
        const number = index + 1;
        const state = number < current ? "done" : number === current ? "current" : "upcoming";
        return (
          <li key={title} aria-current={state === "current" ? "step" : undefined} className="flex items-center gap-2">
            <span
              className={clsx(
                "flex size-7 items-center justify-center rounded-full border text-xs font-semibold",
                state === "done" && "border-primary bg-primary text-primary-foreground",
                state === "current" && "border-primary text-primary",
                state === "upcoming" && "text-muted-foreground",
              )}
            >
              {state === "done" ? <Check aria-hidden="true" className="size-4" /> : number}
            </span>
            <span className={clsx(state === "upcoming" ? "text-muted-foreground" : "font-medium")}>
              {title}
              {state === "done" ? <span className="sr-only"> (done)</span> : null}
            </span>
            {number < steps.length ? <span aria-hidden="true" className="mx-1 h-px w-8 bg-border" /> : null}
          </li>
        );
      })}
    </ol>
  );
}
