import type { ReactNode } from "react";

/** One numbered step of the setup guide: what to do in AWS, then what to paste. */
export function SetupStep({
  number,
  title,
  description,
  children,
}: {
  number: number;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `setup-step-${number}`;
  return (
    <section aria-labelledby={headingId} className="grid grid-cols-[2rem_minmax(0,1fr)] gap-x-3">
      <span
        aria-hidden="true"
        className={
          "flex size-7 items-center justify-center rounded-full bg-primary/12 text-sm " + "font-semibold text-primary"
        }
      >
        {number}
      </span>
      <div className="grid gap-3">
        <div className="grid gap-1 pt-0.5">
          <h2 id={headingId} className="text-base font-semibold">
            <span className="sr-only">Step {number}: </span>
            {title}
          </h2>
          {description ? <div className="text-sm text-muted-foreground">{description}</div> : null}
        </div>
        {children}
      </div>
    </section>
  );
}
