/** PostgreSQL error codes we turn into client errors. Drizzle may wrap the driver's error in `cause`. */
function pgCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgCode(error) === "23505";
// 23503 foreign_key_violation; 23001 restrict_violation (ON DELETE RESTRICT).
export const isForeignKeyViolation = (error: unknown) => ["23503", "23001"].includes(pgCode(error) ?? "");
