import { formatDateTime } from "#web/lib/format.ts";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "5 min. ago", with the exact time on hover and for assistive technology. */
export function LastChecked({ iso, now = Date.now() }: { iso: string; now?: number }) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? ["second", 1];
  const text = Math.abs(seconds) < 45 ? "just now" : relative.format(Math.round(seconds / size), unit);
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact} className="whitespace-nowrap">
      {text}
      <span className="sr-only"> ({exact})</span>
    </time>
  );
}
