const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A calendar date in the reader's locale, e.g. "3 Mar 2025". */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

const compactDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });

/** Date and time to the second, short enough for a table column. */
export function formatCompactDateTime(iso: string): string {
  return compactDateTimeFormat.format(new Date(iso));
}

/** Date and time to the second, in the reader's locale and time zone (audit entries need the second). */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
