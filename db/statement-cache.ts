// Statements are compiled once per connection and reused: compiling SQL costs more than running the small indexed
// queries of a Confirm, an Approve or an API call. One mechanism at two levels:
// - every statement drizzle asks SQLite for is kept by its SQL text (cacheStatementsBySql, installed by openDb), so the
//   query builder's statements are not compiled again;
// - the queries of the hot paths are also kept as drizzle prepared queries (preparedPerConnection), so drizzle does not
//   even build their SQL again.
import type Database from "better-sqlite3";
import type { Db, Tx } from "./connection";

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

/** The connection each writeTransaction's tx runs on, so code given only the tx can use that connection's prepared queries. */
const connectionOfTx = new WeakMap<Tx, Db>();

/** Called by writeTransaction: this tx runs on that connection. */
export function runsOn(tx: Tx, db: Db): void {
  connectionOfTx.set(tx, db);
}

/**
 * A query prepared once per connection: `build` runs on a connection's first use, and later calls on that connection get
 * the same drizzle prepared query, so drizzle does not build its SQL again (values go in through sql.placeholder).
 *
 * It may be called with a writeTransaction's tx: better-sqlite3 has one connection and a transaction is its state, not
 * an object of its own (drizzle's tx runs its statements on the same client and session as db), so a query prepared on
 * db and run while the transaction is open is part of it. A tx of any other origin gets queries of its own for its
 * lifetime, which is correct, only not faster.
 *
 * Prepared queries bind placeholders through the column's encoder even for null, unlike the builder: a JSON column
 * would store the text 'null'. Give JSON columns as sql`${sql.placeholder("x")}` with the value already serialised.
 */
export function preparedPerConnection<T>(build: (db: Db | Tx) => T): (db: Db | Tx) => T {
  const prepared = new WeakMap<Db | Tx, T>();
  return (dbOrTx) => {
    const key = connectionOfTx.get(dbOrTx as Tx) ?? dbOrTx;
    let query = prepared.get(key);
    if (query === undefined) {
      query = build(key);
      prepared.set(key, query);
    }
    return query;
  };
}
