// SQLite: the hot paths' prepared queries (./statement-cache prepared) run on better-sqlite3's statement directly.
// drizzle's own execute wraps each run in a query promise, looks every placeholder up with type checks and maps each
// row through a generic reducer; for the handful of indexed statements of an API create, or the thousands of updates of
// a bank import, that cost as much as SQLite's own work. The statement, its SQL text and its parameters stay drizzle's:
// only the binding and the row mapping are done here, the way drizzle does them (each placeholder through its column's
// encoder, each value but null through its column's decoder). A query this cannot run the same way (a relational query,
// nested or joined fields) keeps drizzle's execute. PostgreSQL's queries are not touched.
import { Column, is, Param, Placeholder, SQL } from "drizzle-orm";

type Encoder = { mapToDriverValue(v: unknown): unknown };
type Decoder = { mapFromDriverValue(v: unknown): unknown };

/**
 * A drizzle query's parameters, compiled: for each, the placeholder whose value it binds (null: a constant drizzle has
 * already encoded, such as a column's default) and the encoder that value goes through.
 */
export type CompiledParams = { names: (string | null)[]; encoders: (Encoder | null)[]; constants: unknown[] };

export function compileParams(params: readonly unknown[]): CompiledParams {
  const names: (string | null)[] = [];
  const encoders: (Encoder | null)[] = [];
  const constants: unknown[] = [];
  for (const p of params) {
    if (is(p, Placeholder)) {
      names.push(p.name);
      encoders.push(null);
    } else if (is(p, Param) && is(p.value, Placeholder)) {
      names.push(p.value.name);
      encoders.push(p.encoder as Encoder);
    } else {
      names.push(null);
      encoders.push(null);
    }
    constants.push(names[names.length - 1] === null ? p : undefined);
  }
  return { names, encoders, constants };
}

type Statement = {
  raw(on: boolean): Statement;
  run(params: unknown[]): unknown;
  all(params: unknown[]): unknown[];
  get(params: unknown[]): unknown;
};

/** What this module reads of drizzle's better-sqlite3 prepared query (drizzle-orm/better-sqlite3/session). */
type DrizzlePrepared = {
  stmt?: Statement;
  query?: { sql: string; params: unknown[] };
  fields?: { path: string[]; field: unknown }[];
  executeMethod?: string;
  customResultMapper?: unknown;
};

function decoderOf(field: unknown): Decoder | null {
  if (is(field, Column)) return field as unknown as Decoder;
  // drizzle keeps an SQL field's decoder (sql<T>`…`.mapWith) in a property its types do not show.
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
  return null;
}

/** Maps a row of values (a statement's raw row) to an object of `keys`, each value but null through its decoder, as drizzle does. */
export function rowMapper(keys: readonly string[], decoders: readonly Decoder[]): (row: unknown[]) => Record<string, unknown> {
  return (row) => {
    const o: Record<string, unknown> = {};
    for (let k = 0; k < decoders.length; k++) o[keys[k]] = row[k] === null ? null : decoders[k].mapFromDriverValue(row[k]);
    return o;
  };
}

/** The values of a run, in the statement's parameter order, as drizzle's fillPlaceholders makes them. */
function bind(c: CompiledParams, values: Record<string, unknown>): unknown[] {
  const out = new Array<unknown>(c.names.length);
  for (let i = 0; i < c.names.length; i++) {
    const name = c.names[i];
    if (name === null) {
      out[i] = c.constants[i];
      continue;
    }
    if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
    const enc = c.encoders[i];
    out[i] = enc === null ? values[name] : enc.mapToDriverValue(values[name]);
  }
  return out;
}

/**
 * The same prepared query, with an `execute` that runs on better-sqlite3 directly (see above); anything else is given
 * back as it is. The result is what drizzle's execute resolves to: the RunResult of a statement without rows, the
 * mapped rows of `all`, the mapped row (or undefined) of `get`.
 */
export function directSqliteQuery<T>(query: T): T {
  const q = query as DrizzlePrepared;
  const { stmt, executeMethod, fields } = q ?? {};
  if (!stmt || typeof stmt.run !== "function" || !q.query) return query;
  // A relational query maps its rows itself; a join's fields are nested (path of two), refused below.
  if (q.customResultMapper) return query;
  if (executeMethod !== "run" && executeMethod !== "all" && executeMethod !== "get") return query;
  if (fields?.some((f) => f.path.length !== 1 || decoderOf(f.field) === null)) return query;
  const params = compileParams(q.query.params);
  const keys = fields?.map((f) => f.path[0]) ?? null;
  const mapRow = rowMapper(keys ?? [], fields?.map((f) => decoderOf(f.field)!) ?? []);

  function run(values: Record<string, unknown>): unknown {
    const bound = bind(params, values);
    if (executeMethod === "run") return stmt!.run(bound);
    // The statement may be shared (cached by its text): it is left in its usual, non-raw mode.
    if (!keys) return executeMethod === "all" ? stmt!.raw(false).all(bound) : stmt!.raw(false).get(bound);
    try {
      if (executeMethod === "all") return (stmt!.raw(true).all(bound) as unknown[][]).map(mapRow);
      const row = stmt!.raw(true).get(bound) as unknown[] | undefined;
      return row === undefined ? undefined : mapRow(row);
    } finally {
      stmt!.raw(false);
    }
  }

  const direct = Object.create(query as object) as { execute: (values?: Record<string, unknown>) => Promise<unknown> };
  direct.execute = async (values = {}) => run(values);
  return direct as T;
}
