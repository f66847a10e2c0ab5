import { Monitor, Moon, Sun } from "lucide-react";
import { ToggleGroup } from "radix-ui";
import { type ThemePreference, useTheme } from "#web/lib/theme.ts";

const options: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: "light", label: "Light theme", icon: Sun },
  { value: "dark", label: "Dark theme", icon: Moon },
  { value: "system", label: "Follow system theme", icon: Monitor },
];

export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  return (
    <ToggleGroup.Root
      type="single"
      aria-label="Theme"
      value={theme}
      // Radix reports "" when the active item is pressed again; a theme must always be chosen.
      onValueChange={(value) => value && setTheme(value as ThemePreference)}
      className="inline-flex rounded-md border bg-card p-0.5"
    >
      {options.map((option) => (
        <ToggleGroup.Item
          key={option.value}
          value={option.value}
          aria-label={option.label}
          title={option.label}
          className={
            "inline-flex size-7 cursor-pointer items-center justify-center rounded-sm " +
            "text-muted-foreground hover:text-foreground data-[state=on]:bg-accent " +
            "data-[state=on]:text-foreground"
          }
        >
          <option.icon aria-hidden="true" className="size-3.5" />
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  );
}
