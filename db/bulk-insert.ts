// Many rows at once (a bank statement import writes tens of thousands inside one transaction): multi-row INSERTs of
// BULK_CHUNK rows each. Building a 200-row INSERT's SQL costs drizzle more than running it, so the full chunks'
// statement is built once per connection (./statement-cache prepared, with a placeholder per row and column); only
// the last, shorter chunk is built for its rows.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "./connection";
import { prepared } from "./statement-cache";

export const BULK_CHUNK = 200;

/** An INSERT builder of the given rows, with a RETURNING clause (both engines answer it). */
type InsertBuilder<Out> = PromiseLike<Out[]> & { prepare(): { execute(params: Record<string, unknown>): PromiseLike<Out[]> } };

/**
 * A function that inserts rows in chunks and returns the RETURNING rows in order. `columns` are the rows' keys (every
 * row has each); `jsonColumns` those stored as JSON, which the prepared statement takes already serialised (a prepared
 * placeholder would store null as the text 'null', see ./statement-cache). Keep chunks × columns below 32,766, SQLite's
 * limit of bound parameters (PostgreSQL's is 65,535).
 */
export function bulkInsert<Row extends Record<string, unknown>, Out>(
  columns: readonly (keyof Row & string)[],
  insert: (db: Db | Tx, rows: Record<string, unknown>[]) => InsertBuilder<Out>,
  jsonColumns: readonly (keyof Row & string)[] = [],
): (db: Db | Tx, rows: readonly Row[]) => Promise<Out[]> {
  const json = new Set<string>(jsonColumns);
  const known = new Set<string>(columns);
  const placeholder = (name: string, c: string) => (json.has(c) ? sql`${sql.placeholder(name)}` : sql.placeholder(name));
  // The placeholders' names, per row of a chunk and column (made once: building 400,000 names per import cost 0.15 s).
  const names = Array.from({ length: BULK_CHUNK }, (_, i) => columns.map((c) => `r${i}_${c}`));
  const chunkQuery = prepared((db) =>
    insert(
      db,
      names.map((rowNames) => Object.fromEntries(columns.map((c, k) => [c, placeholder(rowNames[k], c)]))),
    ).prepare(),
  );
  return async (db, rows) => {
    const out: Out[] = [];
    for (let i = 0; i < rows.length; i += BULK_CHUNK) {
      const part = rows.slice(i, i + BULK_CHUNK);
      if (part.length < BULK_CHUNK) {
        out.push(...(await insert(db, part)));
        continue;
      }
      // A key missing from `columns` would be dropped silently by the prepared statement: refuse it.
      const unknown = Object.keys(part[0]).find((k) => !known.has(k));
      if (unknown) throw new Error(`bulkInsert: the rows have a column "${unknown}" its statement does not`);
      const params: Record<string, unknown> = {};
      part.forEach((row, j) => {
        const rowNames = names[j];
        columns.forEach((c, k) => {
          const v = row[c] ?? null;
          params[rowNames[k]] = json.size > 0 && json.has(c) && v !== null ? JSON.stringify(v) : v;
        });
      });
      out.push(...(await chunkQuery(db).execute(params)));
    }
    return out;
  };
}
