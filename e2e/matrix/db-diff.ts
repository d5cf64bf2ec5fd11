// Whole-database snapshots (every table, every row) and their difference, read through a connection of the matrix's
// own: the SQLite file read-only, or the PostgreSQL database in a read-only REPEATABLE READ transaction.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { pgDatabaseUrl, type ServerData } from "../db";

/** Rows by table and primary key, and the version read just before them (see DbWatcher.version). */
export type Snapshot = { version: string; tables: Map<string, Map<string, Record<string, unknown>>> };
/** Columns left out of every comparison, by table; each needs a reason where it is declared. */
export type Ignored = Record<string, string[]>;

export type DbWatcher = {
  /**
   * A value that changes whenever anyone commits a write: unchanged means nobody wrote anything, so the last snapshot
   * still holds and need not be read again.
   */
  version(): Promise<string>;
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
};

/** A table's rows and its primary key's columns in order (none: rows are keyed by the engine's own row address). */
type TableRows = { table: string; pk: string[]; rows: Record<string, unknown>[] };

function snapshotOf(version: string, tables: TableRows[], ignored: Ignored): Snapshot {
  const snap: Snapshot = { version, tables: new Map() };
  for (const { table, pk, rows } of tables) {
    const byKey = new Map<string, Record<string, unknown>>();
    for (const row of rows) {
      const key = pk.length > 0 ? JSON.stringify(pk.map((c) => row[c])) : String(row.__row);
      delete row.__row;
      for (const c of ignored[table] ?? []) delete row[c];
      byKey.set(key, row);
    }
    snap.tables.set(table, byKey);
  }
  return snap;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function watchDb(data: ServerData, ignored: Ignored): DbWatcher {
  return data.pgDatabase ? watchPostgres(pgDatabaseUrl(data.pgDatabase), ignored) : watchSqlite(path.join(data.dataDir, "app.db"), ignored);
}

function watchSqlite(file: string, ignored: Ignored): DbWatcher {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  // SQLite's count of commits by other connections.
  const version = () => String(db.pragma("data_version", { simple: true }));
  return {
    version: async () => version(),
    snapshot: async () => {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      // Read first: a commit after it and before the rows makes the version look stale, which is only a wasted read.
      const v = version();
      // One read transaction, so the snapshot is of one moment.
      const tables = db.transaction(() =>
        names.map((table) => {
          const info = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: number }[];
          const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
          const withoutRowid = pk.length > 0 && /WITHOUT\s+ROWID/i.test(db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string);
          const rows = db.prepare(`SELECT ${withoutRowid ? "" : "rowid AS __row, "}* FROM ${quote(table)}`).all() as Record<string, unknown>[];
          return { table, pk, rows };
        }),
      )();
      return snapshotOf(v, tables, ignored);
    },
    close: async () => void db.close(),
  };
}

function watchPostgres(url: string, ignored: Ignored): DbWatcher {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  // The server's next transaction id: it moves on whenever a transaction writes (on any database of the server, which
  // only costs a wasted read).
  const version = async () => {
    await connected;
    return String((await client.query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS v")).rows[0].v);
  };
  return {
    version,
    snapshot: async () => {
      const v = await version();
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const names = (await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")).rows.map((r) => r.table_name as string);
        const tables: TableRows[] = [];
        for (const table of names) {
          const pk = (
            await client.query(
              `SELECT k.column_name FROM information_schema.table_constraints c
                 JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
                WHERE c.table_schema = current_schema() AND c.table_name = $1 AND c.constraint_type = 'PRIMARY KEY'
                ORDER BY k.ordinal_position`,
              [table],
            )
          ).rows.map((r) => r.column_name as string);
          const rows = (await client.query(`SELECT ${pk.length ? "" : "ctid::text AS __row, "}* FROM ${quote(table)}`)).rows as Record<string, unknown>[];
          tables.push({ table, pk, rows });
        }
        return snapshotOf(v, tables, ignored);
      } finally {
        await client.query("COMMIT");
      }
    },
    close: async () => {
      await connected.catch(() => {});
      await client.end();
    },
  };
}

export type Change = { table: string; key: string; what: "added" | "removed" | "changed"; detail: string };

export function diff(before: Snapshot, after: Snapshot): Change[] {
  const out: Change[] = [];
  for (const table of new Set([...before.tables.keys(), ...after.tables.keys()])) {
    const a = before.tables.get(table) ?? new Map();
    const b = after.tables.get(table) ?? new Map();
    for (const [key, row] of b) {
      const old = a.get(key);
      if (!old) out.push({ table, key, what: "added", detail: short(row) });
      else {
        const cols = Object.keys(row).filter((c) => !same(old[c], row[c]));
        if (cols.length) out.push({ table, key, what: "changed", detail: cols.map((c) => `${c}: ${short(old[c])} → ${short(row[c])}`).join(", ") });
      }
    }
    for (const [key, row] of a) if (!b.has(key)) out.push({ table, key, what: "removed", detail: short(row) });
  }
  return out;
}

export function describeChanges(changes: Change[]): string {
  return changes.map((c) => `${c.table} ${c.key} ${c.what}: ${c.detail}`).join("; ");
}

function same(x: unknown, y: unknown): boolean {
  if (Buffer.isBuffer(x) && Buffer.isBuffer(y)) return x.equals(y);
  // PostgreSQL's jsonb columns come back as objects (in jsonb's own key order, so equal values print alike).
  if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) return JSON.stringify(x) === JSON.stringify(y);
  return x === y;
}

function short(v: unknown): string {
  const s = Buffer.isBuffer(v) ? `<${v.length} bytes>` : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
