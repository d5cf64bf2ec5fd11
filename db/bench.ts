// The benchmark's reference points (npm run bench): the least a route handler can do with the database, to compare the
// product's pages and actions against. Used only by app/api/bench/*, which answer 404 unless BENCH_ROUTES=1.
import { eq, sql } from "drizzle-orm";
import { bigint, bigserial, pgTable, text as pgText } from "drizzle-orm/pg-core";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { writeTransaction, type Db } from "./connection";
import { IS_POSTGRES, rawWrite } from "./dialect";
import { payments } from "./tables";

/** A scratch table of the bench's own, outside the app's schema and migrations; created on first use. */
export const benchRows = sqliteTable("bench_rows", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  note: text("note").notNull(),
  createdAt: integer("created_at").notNull(),
});

const benchRowsPg = pgTable("bench_rows", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  note: pgText("note").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});
const benchTable = IS_POSTGRES ? (benchRowsPg as unknown as typeof benchRows) : benchRows;

const created = new WeakSet<Db>();

async function ensureBenchTable(db: Db): Promise<void> {
  if (created.has(db)) return;
  await writeTransaction(db, (tx) =>
    rawWrite(
      tx,
      IS_POSTGRES
        ? sql`CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, note text NOT NULL, created_at bigint NOT NULL)`
        : sql`CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT NOT NULL, created_at INTEGER NOT NULL)`,
    ),
  );
  created.add(db);
}

export function benchRoutesEnabled(): boolean {
  return process.env.BENCH_ROUTES === "1";
}

/** Reads one payment by primary key: the cheapest useful read. */
export async function benchReadOne(db: Db, id: number) {
  return (await db.select().from(payments).where(eq(payments.id, id)))[0];
}

/** Inserts one row in a transaction of its own: the cheapest durable write. */
export async function benchInsertOne(db: Db, note: string, now = Date.now()): Promise<number> {
  await ensureBenchTable(db);
  const [row] = await writeTransaction(db, (tx) => tx.insert(benchTable).values({ note, createdAt: now }).returning({ id: benchTable.id }));
  return row.id;
}
