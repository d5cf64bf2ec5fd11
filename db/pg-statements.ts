// PostgreSQL: the hot paths' statements are prepared once per connection and reused by name. Unnamed, every execution
// is parsed and planned again, and for the small indexed statements of a Confirm, an Approve or an API call (seven or
// so each) that is most of the database's work: named, an Approve took about 30 % less time in a loop of 1,500.
//
// Which statements: the ones built by prepared() (./statement-cache), and only those. They look rows up by key or
// write them, so one generic plan suits every value; a list or a search (a status filter matching 2 % or 77 % of the
// rows) keeps being planned for its values. The name is derived from the text, so one text has one name on every
// connection; node-postgres sends Parse only the first time a connection sees a name.
import crypto from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";

/** A bound on the texts kept, should a prepared() query ever build its text from values. */
const MAX_HOT = 500;
const hot = new Map<string, string>();

/** Called by prepared() with each query's SQL text: statements with this text run by name on PostgreSQL. */
export function markHotStatement(text: string): void {
  if (hot.has(text) || hot.size >= MAX_HOT) return;
  hot.set(text, "dp_" + crypto.createHash("sha1").update(text).digest("base64url").slice(0, 24));
}

const shapesMarked = new Set<string>();

/**
 * A raw statement whose every value is a parameter, so that its text depends only on `shape`: marked hot (above) the
 * first time a shape is built, so it runs by name too. Building its text once per shape, not per run, is the point.
 */
export function hotStatement(shape: string, query: SQL): SQL {
  if (!shapesMarked.has(shape)) {
    markHotStatement(new PgDialect().sqlToQuery(query).sql);
    shapesMarked.add(shape);
  }
  return query;
}

type QueryConfigLike = { text?: unknown; name?: unknown; submit?: unknown };

/** A pg client that runs the hot statements by name (see above); given to pg.Pool as its Client. */
export class NamedStatementsClient extends pg.Client {
  // pg's query() has many overloads: this forwards them all unchanged, with a name added for a hot statement.
  query(config: unknown, values?: unknown, callback?: unknown): never {
    const c = config as QueryConfigLike | null;
    if (c && typeof c === "object" && typeof c.text === "string" && c.name == null && typeof c.submit !== "function") {
      const name = hot.get(c.text);
      if (name) config = { ...c, name };
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}
