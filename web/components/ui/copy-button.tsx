import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";

/**
 * navigator.clipboard exists only in secure contexts; a self-hosted server is often reached over plain
 * http on a private network, so fall back to the older selection-based copy there.
 */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused: try the fallback below.
    }
  }
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.append(textarea);
  textarea.select();
  const copied = document.execCommand("copy");
  textarea.remove();
  if (!copied) throw new Error("Could not copy to the clipboard. Select the text and copy it by hand.");
}

/** Copies exactly `text` (no trimming, no formatting) and announces "Copied" to screen readers. */
export function CopyButton({
  text,
  label = "Copy",
  variant = "outline",
  size = "sm",
  className,
}: {
  text: string;
  /** Accessible name, e.g. "Copy setup link". */
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  async function handleCopy() {
    try {
      await copyText(text);
      setCopied(true);
    } catch (error) {
      toast.error(error);
    }
  }

  return (
    <>
      <Button variant={variant} size={size} className={className} onClick={handleCopy} aria-label={label}>
        {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {size === "icon" || size === "icon-sm" ? null : <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span>}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {copied ? "Copied" : ""}
      </span>
    </>
  );
}
