// The bench's own reads of the seeded database (pools of payments to request, counts that check the writes), the same
// SQL on either engine: `?` placeholders, quoted camelCase aliases. SQLite reads through a read-only better-sqlite3
// connection, PostgreSQL through a small pg pool; neither goes through the app's modules.
import Database from "better-sqlite3";
import pg from "pg";

export type RowSource = {
  engine: "sqlite" | "postgres";
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The `n` column of the first row, as a number (PostgreSQL's count(*) is a bigint, which pg gives as a string). */
  count(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
};

/** `?` placeholders to PostgreSQL's `$1`, `$2`, … (the bench's SQL has no `?` inside string literals). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function sqliteSource(file: string): RowSource {
  const ro = new Database(file, { readonly: true, fileMustExist: true });
  const all = async <T>(sql: string, ...params: unknown[]) => ro.prepare(sql).all(...params) as T[];
  return {
    engine: "sqlite",
    all,
    count: async (sql, ...params) => Number((ro.prepare(sql).get(...params) as { n: number | null } | undefined)?.n ?? 0),
    close: async () => void ro.close(),
  };
}

export function pgSource(url: string): RowSource {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => {});
  const all = async <T>(sql: string, ...params: unknown[]) => (await pool.query(toPgPlaceholders(sql), params)).rows as T[];
  return {
    engine: "postgres",
    all,
    count: async (sql, ...params) => Number((await all<{ n: string | number | null }>(sql, ...params))[0]?.n ?? 0),
    close: () => pool.end(),
  };
}
