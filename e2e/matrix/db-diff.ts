// Whole-database snapshots (every table, every row) and their difference, read through a read-only connection.
import Database from "better-sqlite3";

/** Rows by table and primary key, and the data_version read just before them (see DbWatcher.version). */
export type Snapshot = { version: number; tables: Map<string, Map<string, Record<string, unknown>>> };
/** Columns left out of every comparison, by table; each needs a reason where it is declared. */
export type Ignored = Record<string, string[]>;

export class DbWatcher {
  private db: Database.Database;

  constructor(file: string, private ignored: Ignored) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma("busy_timeout = 5000");
  }

  /**
   * SQLite's count of commits by other connections (PRAGMA data_version): unchanged means nobody wrote anything, so
   * the last snapshot still holds and need not be read again.
   */
  version(): number {
    return this.db.pragma("data_version", { simple: true }) as number;
  }

  snapshot(): Snapshot {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    // Read first: a commit after it and before the rows makes the version look stale, which is only a wasted read.
    const version = this.version();
    // One read transaction, so the snapshot is of one moment.
    return this.db.transaction(() => {
      const snap: Snapshot = { version, tables: new Map() };
      for (const table of tables) {
        const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const info = this.db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string; pk: number }[];
        const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
        const withoutRowid = pk.length > 0 && (this.db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string).match(/WITHOUT\s+ROWID/i);
        const rows = this.db.prepare(`SELECT ${withoutRowid ? "" : "rowid AS __rowid, "}* FROM ${q(table)}`).all() as Record<string, unknown>[];
        const byKey = new Map<string, Record<string, unknown>>();
        for (const row of rows) {
          const key = pk.length > 0 ? JSON.stringify(pk.map((c) => row[c])) : String(row.__rowid);
          delete row.__rowid;
          for (const c of this.ignored[table] ?? []) delete row[c];
          byKey.set(key, row);
        }
        snap.tables.set(table, byKey);
      }
      return snap;
    })();
  }

  close() {
    this.db.close();
  }
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
  return x === y;
}

function short(v: unknown): string {
  const s = Buffer.isBuffer(v) ? `<${v.length} bytes>` : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
