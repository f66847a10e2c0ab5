import { clsx } from "clsx";
import type { ComponentProps } from "react";

const variantClasses = {
  neutral: "border-border bg-muted text-muted-foreground",
  primary: "border-transparent bg-primary/12 text-primary",
  success: "border-transparent bg-success/15 text-success",
  warning: "border-transparent bg-warning-surface text-warning-foreground",
  destructive: "border-transparent bg-destructive/12 text-destructive",
  outline: "border-border text-foreground",
} as const;

export type BadgeVariant = keyof typeof variantClasses;

export function Badge({
  variant = "neutral",
  className,
  ...props
}: ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        variantClasses[variant],
        className,
      )}
      {...props}
    />
  );
}
