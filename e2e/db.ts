// The stories' own way into a server's database, for set-ups no screen offers (a link whose time ran out, a delivery
// waiting for its retry) and checks no screen shows: the same SQL on SQLite (the data directory's file) and on
// PostgreSQL (a database of its own on TEST_DATABASE_URL's server, see scripts/e2e-server.mjs). Write it so both engines
// read it alike: `?` placeholders, TRUE and FALSE for booleans, CAST(count(*) AS INTEGER) for a count (PostgreSQL's
// count is a bigint, which node-postgres hands over as a string).
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { test } from "@playwright/test";

export type StoryDb = {
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
};

/** Where a server keeps its data: its directory, and on PostgreSQL the name of its database. */
export type ServerData = { dataDir: string; pgDatabase?: string };

/** `?` → `$1`, `$2`… outside quoted text, for node-postgres. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** The URL of a database on the server TEST_DATABASE_URL names. */
export function pgDatabaseUrl(name: string): string {
  if (!process.env.TEST_DATABASE_URL) throw new Error("A PostgreSQL story needs TEST_DATABASE_URL");
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens a server's database (a connection of the story's own; close it). */
export function storyDb(data: ServerData): StoryDb {
  if (data.pgDatabase) {
    const client = new pg.Client({ connectionString: pgDatabaseUrl(data.pgDatabase) });
    const connected = client.connect();
    const query = async (sql: string, params: unknown[]) => {
      await connected;
      return client.query(numberedPlaceholders(sql), params);
    };
    return {
      get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
      close: async () => {
        await connected.catch(() => {});
        await client.end();
      },
    };
  }
  const db = new Database(path.resolve(data.dataDir, "app.db"));
  db.pragma("busy_timeout = 5000");
  return {
    get: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql, ...params) => db.prepare(sql).run(...params).changes,
    close: async () => void db.close(),
  };
}

/** The running project's server's data (playwright.config.ts puts it in the project's metadata). */
export function projectData(): ServerData {
  const meta = test.info().project.metadata;
  return { dataDir: String(meta.dataDir ?? ".e2e-data"), pgDatabase: meta.pgDatabase ? String(meta.pgDatabase) : undefined };
}

/** The running project's server's database, for one piece of work. */
export async function withProjectDb<T>(fn: (db: StoryDb) => Promise<T>): Promise<T> {
  const db = storyDb(projectData());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * A server a story starts itself (scripts/e2e-server.mjs on a port of its own): its data directory, and on a
 * PostgreSQL project a database of its own, named after the directory; `env` is what the launcher needs for it.
 */
export function ownServer(dataDir: string): ServerData & { env: Record<string, string> } {
  if (test.info().project.metadata.engine !== "postgres") return { dataDir, env: {} };
  const pgDatabase = `dp_${path.basename(dataDir).replace(/[^a-z0-9]+/gi, "_").replace(/^_+|_+$/g, "").toLowerCase()}`;
  return { dataDir, pgDatabase, env: { E2E_PG_DATABASE: pgDatabase } };
}

/** A server's DATABASE_URL. */
export function databaseUrl(data: ServerData): string {
  return data.pgDatabase ? pgDatabaseUrl(data.pgDatabase) : `file:${path.join(data.dataDir, "app.db")}`;
}

/** DATABASE_URL for a script run against the running project's server's database (db/create-user.ts, say). */
export function projectDatabaseUrl(): string {
  return databaseUrl(projectData());
}

/** Makes a staff account on the running project's server's database, as an operator would (db/create-user.ts). */
export function createStaffUser(user: { email: string; password: string; role: "agent" | "admin"; name?: string }): void {
  const args = ["--email", user.email, "--password", user.password, "--role", user.role, ...(user.name ? ["--name", user.name] : [])];
  execFileSync(process.execPath, ["--import", "tsx", "db/create-user.ts", ...args], { env: { ...process.env, DATABASE_URL: projectDatabaseUrl() } });
}
