import { clsx } from "clsx";
import {
  type ComponentProps,
  createContext,
  type ReactNode,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";

interface FieldContextValue {
  controlId: string;
  descriptionId: string;
  errorId: string;
  invalid: boolean;
  hasDescription: boolean;
  setHasDescription: (value: boolean) => void;
}

const FieldContext = createContext<FieldContextValue | null>(null);

/**
 * Groups a label, a control, a description and an error. The control (Input, Textarea, Select)
 * picks up its id, aria-invalid and aria-describedby from here, so labels and messages are always tied to it.
 */
export function Field({
  invalid = false,
  className,
  children,
  ...props
}: ComponentProps<"div"> & { invalid?: boolean }) {
  const baseId = useId();
  const [hasDescription, setHasDescription] = useState(false);
  const value = useMemo(
    () => ({
      controlId: `${baseId}-control`,
      descriptionId: `${baseId}-description`,
      errorId: `${baseId}-error`,
      invalid,
      hasDescription,
      setHasDescription,
    }),
    [baseId, invalid, hasDescription],
  );
  return (
    <FieldContext.Provider value={value}>
      <div data-invalid={invalid || undefined} className={clsx("grid gap-1.5", className)} {...props}>
        {children}
      </div>
    </FieldContext.Provider>
  );
}

/** Props a form control needs to be announced with its label, description and error. */
export function useFieldControlProps(props: { id?: string; "aria-describedby"?: string; "aria-invalid"?: unknown }) {
  const field = useContext(FieldContext);
  if (!field) return {};
  const describedBy = [
    props["aria-describedby"],
    field.hasDescription ? field.descriptionId : undefined,
    field.invalid ? field.errorId : undefined,
  ]
    .filter(Boolean)
    .join(" ");
  return {
    id: props.id ?? field.controlId,
    "aria-invalid": field.invalid || undefined,
    "aria-describedby": describedBy || undefined,
  };
}

export function FieldLabel({ className, htmlFor, children, ...props }: ComponentProps<"label">) {
  const field = useContext(FieldContext);
  return (
    <label
      htmlFor={htmlFor ?? field?.controlId}
      className={clsx("text-sm font-medium leading-none text-foreground", className)}
      {...props}
    >
      {children}
    </label>
  );
}

export function FieldDescription({ className, ...props }: ComponentProps<"p">) {
  const field = useContext(FieldContext);
  const setHasDescription = field?.setHasDescription;
  useLayoutEffect(() => {
    setHasDescription?.(true);
    return () => setHasDescription?.(false);
  }, [setHasDescription]);
  return <p id={field?.descriptionId} className={clsx("text-sm text-muted-foreground", className)} {...props} />;
}

/** Renders nothing without a message, so it can always be placed under a control. */
export function FieldError({ className, children, ...props }: ComponentProps<"p"> & { children?: ReactNode }) {
  const field = useContext(FieldContext);
  if (!children) return null;
  return (
    <p id={field?.errorId} className={clsx("text-sm font-medium text-destructive", className)} {...props}>
      {children}
    </p>
  );
}
