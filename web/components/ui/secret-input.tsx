import { Eye, EyeOff } from "lucide-react";
import { type ComponentProps, useState } from "react";
import { Button } from "#web/components/ui/button.tsx";
import { Input } from "#web/components/ui/input.tsx";

/**
 * A masked input for a secret (an AWS secret access key, a token) with a button to reveal it,
 * so a person can check what they pasted. It never autocompletes or spell-checks the value.
 */
export function SecretInput({
  revealLabel = "Show secret",
  className,
  ...props
}: Omit<ComponentProps<"input">, "type"> & { revealLabel?: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="relative">
      <Input
        {...props}
        type={revealed ? "text" : "password"}
        autoComplete="off"
        spellCheck={false}
        className={`${className ?? ""} pr-10 font-mono`}
      />
      <Button
        variant="ghost"
        size="icon-sm"
        className="absolute top-0.5 right-0.5"
        aria-label={revealLabel}
        aria-pressed={revealed}
        onClick={() => setRevealed((value) => !value)}
      >
        {revealed ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
      </Button>
    </div>
  );
}
