import { clsx } from "clsx";
import type { ComponentProps } from "react";

/** A grey placeholder block shown while content loads. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={clsx("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
