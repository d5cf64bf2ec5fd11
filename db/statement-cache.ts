// Statements are compiled once per connection and reused: compiling SQL costs more than running the small indexed
// queries of a Confirm, an Approve or an API call. One mechanism at two levels:
// - every statement drizzle asks SQLite for is kept by its SQL text (cacheStatementsBySql, installed by openDb on both
//   connections), so the query builder's statements are not compiled again;
// - the queries of the hot paths are also kept as drizzle prepared queries (prepared), so drizzle does not even build
//   their SQL again. They run with `await query.execute(params)`, which works the same on every engine drizzle has
//   (on SQLite through ./sqlite-prepared, which binds and maps on better-sqlite3 directly).
//   On PostgreSQL they are also prepared by the server once per connection (./pg-statements).
import type Database from "better-sqlite3";
import type { Db, Tx } from "./connection";
import { markHotStatement } from "./pg-statements";
import { directSqliteQuery } from "./sqlite-prepared";

/**
 * Keeps the compiled statements of a connection by their SQL text (bounded: lists of ids make texts of their own) and
 * hands them out again, reset to the mode drizzle expects (it switches a statement to raw rows itself when it wants them).
 */
export function cacheStatementsBySql(sqlite: Database.Database, max = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    // A statement still stepping through an iterator cannot run again: give that caller a fresh one.
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const stmt = prepare(source);
    if (!cached) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  }) as Database.Database["prepare"];
}

/**
 * What a drizzle prepared query is bound to: the connection (better-sqlite3's Database, pg's Pool or the pooled client
 * a transaction runs on) under the drizzle instance. On PostgreSQL every transaction is a new drizzle instance on one
 * of the pool's few clients: keyed by the client, its prepared queries are built once per client, not once per
 * transaction (which cost an Approve about a quarter of its time in the bench).
 */
export function connectionOf(db: Db | Tx): object {
  return ((db as unknown as { session?: { client?: object } }).session?.client ?? db) as object;
}

/**
 * A query prepared once per connection: `build` runs on a connection's first use, and later calls on that connection
 * get the same drizzle prepared query, so drizzle does not build its SQL again (values go in through
 * sql.placeholder). The reader (a Db) and the writer (a writeTransaction's tx) are two connections, each with its own
 * prepared query: called with the tx, the query runs on the writer, inside the transaction; with the db, on the reader.
 *
 * The map belongs to this one query definition, so it stays right even when a bundler loads this module twice (each
 * copy of a query module then has its own definitions, each with its own map).
 *
 * Prepared queries bind placeholders through the column's encoder even for null, unlike the builder: a JSON column
 * would store the text 'null'. Give JSON columns as sql`${sql.placeholder("x")}` with the value already serialised.
 */
export function prepared<T>(build: (db: Db | Tx) => T): (db: Db | Tx) => T {
  const queries = new WeakMap<object, T>();
  return (db) => {
    const key = connectionOf(db);
    let query = queries.get(key);
    if (query === undefined) {
      // On SQLite they run on better-sqlite3's statement directly (./sqlite-prepared).
      query = directSqliteQuery(build(db));
      queries.set(key, query);
      // On PostgreSQL these run as named statements (./pg-statements).
      const text = (query as { getQuery?: () => { sql?: unknown } }).getQuery?.().sql;
      if (typeof text === "string") markHotStatement(text);
    }
    return query;
  };
}
