// db/migrate-pg.ts on a real PostgreSQL (skipped without TEST_DATABASE_URL): the migrations, the lock that lets two
// instances start at once, the page-cache triggers of drizzle-pg/0001, bigints as numbers, and unique violations.
import { readFileSync } from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { getTableConfig } from "drizzle-orm/pg-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configurePgTypes, migratePostgres, parseInt8, pgMigrationsFolder } from "./migrate-pg";
import { createTestDatabase, describeWithPostgres, type TestDatabase } from "./pg-test-database";
import * as schema from "./schema-pg";

const TABLES = Object.values(schema).filter((v) => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v);
const tableNames = () => TABLES.map((t) => getTableConfig(t as never).name).sort();
const journal = JSON.parse(readFileSync(path.join(pgMigrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: unknown[] };

describe("configurePgTypes", () => {
  it("reads an int8 as a number, and refuses one a number cannot hold exactly", () => {
    expect(parseInt8("5000000000000")).toBe(5e12);
    expect(parseInt8("-42")).toBe(-42);
    expect(() => parseInt8("9007199254740993")).toThrow(RangeError);
    configurePgTypes();
    expect(pg.types.getTypeParser(pg.types.builtins.INT8, "text")("123")).toBe(123);
  });
});

const now = 1_796_000_000_000;
const payment = (n: number, amount = 1000): schema.NewPayment => ({
  token: `tok${n}`, reference: `REF-${n}`, status: "open", amount, currency: "EUR", description: "Test",
  expiresAt: now + 3_600_000, createdAt: now, updatedAt: now,
});
const method = (name: string): schema.NewPaymentMethod => ({
  name, kind: "bank_transfer", currencies: [], details: [], createdAt: now, updatedAt: now,
});

describeWithPostgres("migratePostgres", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: NodePgDatabase<typeof schema>;
  const settingsVersion = async () => (await db.select().from(schema.pageCacheState).where(eq(schema.pageCacheState.id, 1)))[0].settingsVersion;

  beforeAll(async () => {
    configurePgTypes();
    database = await createTestDatabase("pg_migrate");
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
    await migratePostgres(pool);
    db = drizzle({ client: pool, schema });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it("creates every table of db/schema-pg.ts, records every migration, and a second run changes nothing", async () => {
    const { rows } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(tableNames());
    await migratePostgres(database.url);
    const applied = await pool.query("SELECT hash FROM drizzle.__drizzle_migrations");
    expect(applied.rowCount).toBe(journal.entries.length);
  });

  it("lets two instances migrate the same fresh database at once", async () => {
    const fresh = await createTestDatabase("pg_migrate_race");
    const pools = [1, 2].map(() => new pg.Pool({ connectionString: fresh.url, max: 1 }));
    try {
      await Promise.all(pools.map((p) => migratePostgres(p)));
      const applied = await pools[0].query("SELECT count(*) AS n FROM drizzle.__drizzle_migrations");
      expect(applied.rows[0].n).toBe(journal.entries.length);
      // The lock was given back: a third run takes it at once.
      await migratePostgres(pools[1]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await fresh.drop();
    }
  });

  it("raises the settings version on every change of a payment method or the business profile", async () => {
    const start = await settingsVersion();
    const [m] = await db.insert(schema.paymentMethods).values(method("Bank")).returning();
    await db.update(schema.paymentMethods).set({ name: "Bank 2" }).where(eq(schema.paymentMethods.id, m.id));
    await db.delete(schema.paymentMethods).where(eq(schema.paymentMethods.id, m.id));
    await db.insert(schema.businessProfile).values({ id: 1, name: "Shop" });
    await db.update(schema.businessProfile).set({ name: "Shop 2" }).where(eq(schema.businessProfile.id, 1));
    expect(await settingsVersion()).toBe(start + 5);
  });

  it("raises a payment's version when an update forgets to, and only once when it does not", async () => {
    const [p] = await db.insert(schema.payments).values(payment(1)).returning();
    expect(p.version).toBe(1);
    const [forgot] = await db.update(schema.payments).set({ status: "expired" }).where(eq(schema.payments.id, p.id)).returning();
    expect(forgot.version).toBe(2);
    const [raised] = await db.update(schema.payments).set({ version: sql`${schema.payments.version} + 1` }).where(eq(schema.payments.id, p.id)).returning();
    expect(raised.version).toBe(3);
  });

  it("reads a bigint amount of 5e12 and a count(*) back as numbers", async () => {
    await db.insert(schema.payments).values(payment(2, 5e12));
    const [row] = await db.select().from(schema.payments).where(eq(schema.payments.token, "tok2"));
    expect(row.amount).toBe(5e12);
    expect(row.createdAt).toBe(now);
    const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(schema.payments);
    expect(n).toBe(2);
    expect((await db.select({ n: count() }).from(schema.payments))[0].n).toBe(2);
  });

  it("reports a unique violation as code 23505 with the index's name (drizzle wraps it: error.cause)", async () => {
    const user = { email: "a@example.com", name: "A", passwordHash: "x", role: "admin" as const, createdAt: now };
    await db.insert(schema.users).values(user);
    const error = await db.insert(schema.users).values(user).then(() => null, (e: unknown) => e as Error & { cause?: unknown });
    expect(error).toBeInstanceOf(Error);
    expect(error!.cause).toMatchObject({ code: "23505", constraint: "users_email_unique" });
  });

  it("answers the Pending count and queue from the partial index", async () => {
    await db.update(schema.payments).set({ status: "submitted", submittedAt: now }).where(eq(schema.payments.token, "tok2"));
    const plan = async (query: string) => {
      const client = await pool.connect();
      try {
        // With a handful of rows a scan of the table is cheapest; without that choice the planner shows its index.
        await client.query("SET enable_seqscan = off");
        const { rows } = await client.query(`EXPLAIN ${query}`);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      } finally {
        await client.query("RESET enable_seqscan");
        client.release();
      }
    };
    expect(await plan("SELECT count(*) FROM payments WHERE status = 'submitted'")).toContain("payments_submitted_idx");
    expect(await plan("SELECT id FROM payments WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 51")).toContain("payments_submitted_idx");
  });
});
