// Keyset pagination on (time, id): a list asks for one row more than a page, to know whether there is a next one.
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { encodeCursor, type Cursor } from "@/lib/cursor";

export type PageOptions = { cursor?: Cursor | null; limit?: number };

/** The rows past the cursor in the list's order: a row value, so SQLite seeks straight to the cursor in the index. */
export function pastCursor(time: SQLiteColumn, id: SQLiteColumn, cursor: Cursor | null | undefined, order: "asc" | "desc"): SQL | undefined {
  if (!cursor) return undefined;
  return order === "asc" ? sql`(${time}, ${id}) > (${cursor.t}, ${cursor.id})` : sql`(${time}, ${id}) < (${cursor.t}, ${cursor.id})`;
}

/** The page out of limit + 1 rows, and the cursor of the next page when there is one. */
export function keysetPage<R extends { id: number }>(rows: R[], limit: number, timeOf: (row: R) => number): { rows: R[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ t: timeOf(last), id: last.id }) : null };
}
