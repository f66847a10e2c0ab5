import { getTableColumns, SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * `insert into <table> (<row's columns>) select <row's values> where <condition>`: a row written
 * only when `condition` holds, as a data-modifying CTE of a statement that writes something
 * else first (docs/decisions/0912-lease-and-login-time.md). One statement instead of a
 * transaction of several saves their round trips and, on PGlite, each one's parse and plan.
 * Each value is cast to its column's type: in INSERT … SELECT, PostgreSQL does not take a
 * parameter's type from the column it goes into. A value that is SQL is written as it is.
 */
export function insertRowWhere<T extends PgTable>(
  table: T,
  row: { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQL },
  condition: SQL,
): SQL {
  const columns = getTableColumns(table);
  const entries = Object.entries(row as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const names: SQLWrapper[] = [];
  const values: SQL[] = [];
  for (const [key, value] of entries) {
    const column = columns[key];
    if (!column) throw new Error(`${key} is not a column of the table`);
    names.push(sql.identifier(column.name));
    values.push(value instanceof SQL ? value : sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`);
  }
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} where ${condition}`;
}
