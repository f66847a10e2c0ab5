import { clsx } from "clsx";
import { LoaderCircleIcon } from "#web/components/ui/first-load-icons.tsx";

/** A decorative spinner; pair it with visible text or a `label` so screen readers know what is loading. */
export function Spinner({ className, label }: { className?: string; label?: string }) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center">
      <LoaderCircleIcon aria-hidden="true" className={clsx("size-4 animate-spin", className)} />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
