// Many rows at once (a bank statement import writes tens of thousands inside one transaction): multi-row INSERTs of
// BULK_CHUNK rows each.
//
// Drizzle builds the full chunks' statement once per connection (a placeholder per row and column), and this module
// runs it on the connection's driver itself, with the values in one flat array: drizzle's prepared execute looks
// every placeholder up by name and type-checks each parameter, which for an import's half a million values cost more
// than SQLite's own work in the INSERTs. Only the last, shorter chunk goes through the builder for its rows.
import { sql, type Column } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "./connection";
import { markHotStatement } from "./pg-statements";
import { compileParams, rowMapper, type CompiledParams } from "./sqlite-prepared";
import { IS_POSTGRES } from "./dialect";
import { connectionOf, prepared } from "./statement-cache";

export const BULK_CHUNK = 200;

type Returning = Record<string, Column>;
type ReturnedRow<R extends Returning> = { [K in keyof R]: R[K]["_"]["data"] };

type SqliteStatement = { raw(on: boolean): SqliteStatement; all(values: unknown[]): unknown[][] };
type PgQueryable = { query(config: { text: string; values: unknown[]; rowMode: "array" }): Promise<{ rows: unknown[][] }> };

/** The compiled full-chunk statement: its text, and for each of its parameters the value's slot and encoder. */
type Compiled = {
  text: string;
  /** Per parameter: the index of its value in a chunk's flat values, or -1 for a constant. */
  slots: Int32Array;
  encoders: CompiledParams["encoders"];
  /** A column's default, which drizzle binds as a value (already encoded), the same for every chunk. */
  constants: unknown[];
  /** SQLite: the statement, compiled on the first run (a Compiled belongs to one connection: ./statement-cache). */
  statement?: SqliteStatement;
};

/** The compiled statement of a drizzle prepared query whose placeholders are all in `slotOf` (name → value's slot). */
function compile(query: { getQuery(): { sql: string; params: unknown[] } }, slotOf: Map<string, number>): Compiled {
  const { sql: text, params } = query.getQuery();
  // On PostgreSQL it runs by name, prepared once per connection (./pg-statements).
  markHotStatement(text);
  const { names, encoders, constants } = compileParams(params);
  const slots = Int32Array.from(names, (name) => {
    if (name === null) return -1;
    const slot = slotOf.get(name);
    if (slot === undefined) throw new Error(`bulkInsert: the statement has a placeholder that is not a row's value: ${name}`);
    return slot;
  });
  return { text, slots, encoders, constants };
}

/** A full chunk's values in the statement's parameter order: JSON columns serialised, then each column's encoder. */
function chunkValues(c: Compiled, columns: readonly string[], json: Set<string>, part: readonly Record<string, unknown>[]): unknown[] {
  const flat = new Array<unknown>(part.length * columns.length);
  for (let i = 0; i < part.length; i++) {
    const row = part[i];
    for (let k = 0; k < columns.length; k++) {
      const v = row[columns[k]] ?? null;
      flat[i * columns.length + k] = v !== null && json.has(columns[k]) ? JSON.stringify(v) : v;
    }
  }
  const out = new Array<unknown>(c.slots.length);
  for (let i = 0; i < c.slots.length; i++) {
    if (c.slots[i] < 0) {
      out[i] = c.constants[i];
      continue;
    }
    const v = flat[c.slots[i]];
    const enc = c.encoders[i];
    out[i] = v === null || enc === null ? v : enc.mapToDriverValue(v);
  }
  return out;
}

/** Runs a compiled statement on the connection under `db`; resolves to its RETURNING rows as arrays. */
async function runCompiled(db: Db | Tx, c: Compiled, values: unknown[]): Promise<unknown[][]> {
  // The driver under the drizzle instance: better-sqlite3's Database, or pg's Pool or a transaction's pooled client.
  const client = connectionOf(db);
  if (IS_POSTGRES) return (await (client as PgQueryable).query({ text: c.text, values, rowMode: "array" })).rows;
  c.statement ??= (client as { prepare(text: string): SqliteStatement }).prepare(c.text);
  return c.statement.raw(true).all(values);
}

/**
 * A function that inserts rows of `table` in chunks and returns the RETURNING columns of each, in order. `columns` are
 * the rows' keys (every row has each); `jsonColumns` those stored as JSON: given as values, they are serialised here.
 * Keep chunks × columns below 32,766, SQLite's limit of bound parameters (PostgreSQL's is 65,535).
 */
export function bulkInsert<Row extends Record<string, unknown>, R extends Returning>(
  table: SQLiteTable,
  columns: readonly (keyof Row & string)[],
  returning: R,
  jsonColumns: readonly (keyof Row & string)[] = [],
): (db: Db | Tx, rows: readonly Row[]) => Promise<ReturnedRow<R>[]> {
  const json = new Set<string>(jsonColumns);
  const known = new Set<string>(columns);
  const keys = Object.keys(returning);
  const mapRow = rowMapper(keys, keys.map((k) => returning[k]));
  const insert = (db: Db | Tx, rows: Record<string, unknown>[]) => db.insert(table).values(rows as never).returning(returning as never);

  // Placeholder names r<row>_<column> say which value each of the statement's parameters takes.
  const slotOf = new Map<string, number>();
  const placeholderRows = Array.from({ length: BULK_CHUNK }, (_, i) =>
    Object.fromEntries(
      columns.map((c, k) => {
        const name = `r${i}_${c}`;
        slotOf.set(name, i * columns.length + k);
        return [c, json.has(c) ? sql`${sql.placeholder(name)}` : sql.placeholder(name)];
      }),
    ),
  );
  const compiled = prepared((db) => compile(insert(db, placeholderRows).prepare() as never, slotOf));

  return async (db, rows) => {
    const out: ReturnedRow<R>[] = [];
    for (let i = 0; i < rows.length; i += BULK_CHUNK) {
      const part = rows.slice(i, i + BULK_CHUNK);
      if (part.length < BULK_CHUNK) {
        out.push(...((await insert(db, part as Record<string, unknown>[])) as unknown as ReturnedRow<R>[]));
        continue;
      }
      // A key missing from `columns` would be dropped silently by the compiled statement: refuse it.
      const unknown = Object.keys(part[0]).find((k) => !known.has(k));
      if (unknown) throw new Error(`bulkInsert: the rows have a column "${unknown}" its statement does not`);
      const c = compiled(db);
      for (const r of await runCompiled(db, c, chunkValues(c, columns, json, part))) out.push(mapRow(r) as ReturnedRow<R>);
    }
    return out;
  };
}
