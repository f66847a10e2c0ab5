import { clsx } from "clsx";
import { type ComponentProps, cloneElement, isValidElement, type ReactElement, type Ref } from "react";
import { Spinner } from "#web/components/ui/spinner.tsx";

const variantClasses = {
  primary: "bg-primary text-primary-foreground shadow-sm hover:bg-primary/90",
  secondary: "bg-secondary text-secondary-foreground hover:bg-secondary/80",
  outline: "border border-input bg-card text-foreground shadow-xs hover:bg-accent hover:text-accent-foreground",
  "outline-destructive": "border border-destructive/40 bg-card text-destructive shadow-xs hover:bg-destructive/10",
  ghost: "text-foreground hover:bg-accent hover:text-accent-foreground",
  destructive: "bg-destructive text-destructive-foreground shadow-sm hover:bg-destructive/90",
  link: "text-primary underline-offset-4 hover:underline",
} as const;

const sizeClasses = {
  sm: "h-8 gap-1.5 px-3 text-sm",
  md: "h-9 gap-2 px-4 text-sm",
  lg: "h-10 gap-2 px-5 text-base",
  icon: "size-9",
  "icon-sm": "size-8",
} as const;

export type ButtonVariant = keyof typeof variantClasses;
export type ButtonSize = keyof typeof sizeClasses;

/**
 * Classes are joined, not merged (no tailwind-merge, to keep it out of the bundle): callers may add
 * layout classes such as `w-full`, but a different look needs a variant here, not an override.
 */
function buttonClasses({
  variant = "primary",
  size = "md",
  className,
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
} = {}) {
  return clsx(
    "inline-flex shrink-0 cursor-pointer items-center justify-center rounded-md " +
      "font-medium whitespace-nowrap transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
    "disabled:pointer-events-none disabled:opacity-60 aria-disabled:pointer-events-none aria-disabled:opacity-60",
    "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
    variantClasses[variant],
    sizeClasses[size],
    className,
  );
}

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner and disables the button, so a slow request cannot be submitted twice. */
  pending?: boolean;
  /** Render the child element (e.g. a router Link) with button styles instead of a <button>. */
  asChild?: boolean;
}

export function Button({
  variant,
  size,
  pending = false,
  asChild = false,
  disabled,
  className,
  children,
  type = "button",
  ...props
}: ButtonProps) {
  if (asChild) return slot(children, { ...props, className: buttonClasses({ variant, size, className }) });
  return (
    <button
      type={type}
      className={buttonClasses({ variant, size, className })}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending ? <Spinner /> : null}
      {children}
    </button>
  );
}

type SlotProps = Record<string, unknown> & { className?: string; ref?: Ref<unknown> };

/**
 * What Radix's Slot does, small enough for the first download (Button is on every page): the one
 * child element gets these props; its own win, except that classes are joined, styles merged,
 * both event handlers run (the child's first) and both refs are set.
 */
export function slot(children: ComponentProps<"button">["children"], props: SlotProps) {
  if (!isValidElement(children)) return null;
  const child = children as ReactElement<SlotProps>;
  const merged: SlotProps = { ...props, ...child.props };
  for (const [key, value] of Object.entries(props)) {
    const own = child.props[key];
    if (/^on[A-Z]/.test(key) && typeof value === "function" && typeof own === "function") {
      merged[key] = (...args: unknown[]) => {
        own(...args);
        value(...args);
      };
    } else if (key === "style" && own && value) {
      merged.style = { ...(value as object), ...(own as object) };
    }
  }
  merged.className = clsx(props.className, child.props.className);
  if (props.ref && child.props.ref) {
    const refs = [props.ref, child.props.ref];
    merged.ref = (node: unknown) => {
      for (const ref of refs) {
        if (typeof ref === "function") ref(node);
        else if (ref) (ref as { current: unknown }).current = node;
      }
    };
  }
  return cloneElement(child, merged);
}
