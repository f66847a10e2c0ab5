import { clsx } from "clsx";
import type { ComponentProps } from "react";
import { CircleAlertIcon, TriangleAlertIcon } from "#web/components/ui/first-load-icons.tsx";

const variantClasses = {
  error: "border-destructive/40 bg-destructive/8 text-destructive",
  warning: "border-warning/50 bg-warning-surface text-warning-foreground",
} as const;

/**
 * An inline message block. `role` defaults to "alert" for errors (announced at once) and
 * "note" for warnings that are part of the page content.
 */
export function Alert({
  variant = "error",
  className,
  children,
  ...props
}: ComponentProps<"div"> & { variant?: keyof typeof variantClasses }) {
  const Icon = variant === "error" ? CircleAlertIcon : TriangleAlertIcon;
  return (
    <div
      role={variant === "error" ? "alert" : "note"}
      className={clsx(
        "flex items-start gap-2.5 rounded-lg border px-3.5 py-3 text-sm",
        variantClasses[variant],
        className,
      )}
      {...props}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">{children}</div>
    </div>
  );
}
