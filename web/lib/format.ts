// Each formatter is built on first use: building an Intl.DateTimeFormat loads the locale's data,
// the slowest step of evaluating this module when it built all three up front (a page that shows
// one kind of date paid for three).
const formatter = (options: Intl.DateTimeFormatOptions) => {
  let format: Intl.DateTimeFormat | undefined;
  return (iso: string) => {
    format ??= new Intl.DateTimeFormat(undefined, options);
    return format.format(new Date(iso));
  };
};

/** A calendar date in the reader's locale, e.g. "3 Mar 2025". */
export const formatDate = formatter({ dateStyle: "medium" });

/** Date and time to the second, short enough for a table column. */
export const formatCompactDateTime = formatter({ dateStyle: "short", timeStyle: "medium" });

/** Date and time to the second, in the reader's locale and time zone (audit entries need the second). */
export const formatDateTime = formatter({ dateStyle: "medium", timeStyle: "medium" });
