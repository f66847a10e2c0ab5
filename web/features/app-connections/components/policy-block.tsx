import { type ReactNode, useId } from "react";
import { CopyButton } from "#web/components/ui/copy-button.tsx";

/**
 * A JSON policy as shown and as copied: the button copies exactly the text in the block,
 * so what a person pastes into AWS is what they read here.
 */
export function PolicyBlock({ label, text, description }: { label: string; text: string; description?: ReactNode }) {
  const labelId = useId();
  return (
    <div className="grid gap-2">
      <div className="flex items-end justify-between gap-4">
        <div className="grid min-w-0 flex-1 gap-0.5">
          <span id={labelId} className="text-sm font-medium">
            {label}
          </span>
          {description ? <span className="text-sm text-muted-foreground">{description}</span> : null}
        </div>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <figure
        aria-labelledby={labelId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable, so focusable to scroll by keyboard
        tabIndex={0}
        className={
          "max-h-96 overflow-auto rounded-lg border bg-muted/40 p-3 focus-visible:outline-2 " +
          "focus-visible:outline-ring"
        }
      >
        <pre className="font-mono text-xs leading-relaxed whitespace-pre">{text}</pre>
      </figure>
    </div>
  );
}
