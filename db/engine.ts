// Which database DATABASE_URL names: a SQLite file (the embedded default) or a PostgreSQL server. Read once at start;
// anything else stops the app with a message that shows both accepted forms.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/app.db";
export const DEFAULT_POOL_SIZE = 10;

export type Engine =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string; poolSize: number };

export const ACCEPTED_FORMS = `${DEFAULT_DATABASE_URL} (SQLite) or postgres://user:password@host:5432/database (PostgreSQL)`;

export class DatabaseUrlError extends Error {
  name = "DatabaseUrlError";
}

/** What DATABASE_URL (or the given URL) names; unset or empty means the default SQLite file. */
export function databaseEngine(url?: string, env: Record<string, string | undefined> = process.env): Engine {
  const value = (url ?? env.DATABASE_URL ?? "").trim() || DEFAULT_DATABASE_URL;
  if (value === ":memory:") return { kind: "sqlite", file: value };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === "file") {
    const file = value.slice("file:".length);
    if (!file) throw new DatabaseUrlError(`DATABASE_URL "file:" names no file. Use ${ACCEPTED_FORMS}.`);
    return { kind: "sqlite", file: path.resolve(/*turbopackIgnore: true*/ file) };
  }
  if (scheme === "postgres" || scheme === "postgresql") {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL. Use ${ACCEPTED_FORMS}.`);
    }
    if (!parsed.hostname && !parsed.searchParams.get("host")) {
      throw new DatabaseUrlError(`DATABASE_URL names no PostgreSQL host. Use ${ACCEPTED_FORMS}.`);
    }
    return { kind: "postgres", url: value, poolSize: poolSize(env.DATABASE_POOL_SIZE) };
  }
  // Never echo the value: it may hold a password.
  const shown = scheme ? `"${scheme}:…"` : "a value without a scheme";
  throw new DatabaseUrlError(`DATABASE_URL must be ${ACCEPTED_FORMS}; got ${shown}.`);
}

function poolSize(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_POOL_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new DatabaseUrlError(`DATABASE_POOL_SIZE must be a whole number from 1 to 1000 (default ${DEFAULT_POOL_SIZE}); got "${raw}".`);
  }
  return n;
}
