import { clsx } from "clsx";
import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { useFieldControlProps } from "#web/components/ui/field.tsx";
import { controlClasses } from "#web/components/ui/input.tsx";

/**
 * A styled native <select>. Native on purpose: it is keyboard- and screen-reader-friendly everywhere,
 * uses the platform picker on phones, works with react-hook-form's `register`, and costs no bundle weight.
 */
export function Select({ className, children, ...props }: ComponentProps<"select">) {
  const fieldProps = useFieldControlProps(props);
  return (
    <span className={clsx("relative inline-flex w-full", className)}>
      <select className={clsx(controlClasses, "h-9 appearance-none pr-8")} {...props} {...fieldProps}>
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </span>
  );
}
