import { Search } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Input } from "#web/components/ui/input.tsx";

/**
 * A search box that reports its value after the person pauses typing, so each keystroke
 * does not become a request and a history entry.
 */
export function SearchInput({
  value,
  onSearch,
  label,
  placeholder,
  delayMs = 300,
}: {
  value: string;
  onSearch: (value: string) => void;
  label: string;
  placeholder?: string;
  delayMs?: number;
}) {
  const [draft, setDraft] = useState(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // Follow the URL when it changes from elsewhere (back button, a link).
  useEffect(() => setDraft(value), [value]);

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = window.setTimeout(() => onSearchRef.current(draft.trim()), delayMs);
    return () => window.clearTimeout(timer);
  }, [draft, value, delayMs]);

  return (
    <div className="relative w-full max-w-xs">
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder ?? label}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        className="pl-8"
      />
    </div>
  );
}
