import { clsx } from "clsx";
import type { ComponentProps } from "react";
import { useFieldControlProps } from "#web/components/ui/field.tsx";
import { controlClasses } from "#web/components/ui/input.tsx";

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  const fieldProps = useFieldControlProps(props);
  return <textarea className={clsx(controlClasses, "min-h-20 py-2", className)} {...props} {...fieldProps} />;
}
