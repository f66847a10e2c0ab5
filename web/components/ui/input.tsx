import { clsx } from "clsx";
import type { ComponentProps } from "react";
import { useFieldControlProps } from "#web/components/ui/field.tsx";

export const controlClasses = clsx(
  "w-full min-w-0 rounded-md border border-input bg-card px-3 text-sm text-foreground shadow-xs transition-colors",
  "placeholder:text-muted-foreground focus-visible:border-ring " +
    "focus-visible:outline-2 focus-visible:outline-offset-0 " +
    "focus-visible:outline-ring/40",
  "disabled:cursor-not-allowed disabled:opacity-60",
  "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive/40",
);

export function Input({ className, ...props }: ComponentProps<"input">) {
  const fieldProps = useFieldControlProps(props);
  return (
    <input className={clsx(controlClasses, "h-9 py-1 read-only:bg-muted", className)} {...props} {...fieldProps} />
  );
}
