// db/schema.ts (SQLite) and db/schema-pg.ts (PostgreSQL) describe one database: the same tables, columns, keys and
// indexes, and row types that are assignable both ways, so a query module compiles and behaves alike on either. The
// checks without PostgreSQL compare the two schemas (and the PostgreSQL migrations with their schema); the ones with it
// compare a migrated database with the schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { getTableColumns, is, SQL, type Column } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { migratePostgres, pgMigrationsFolder } from "./migrate-pg";
import { createTestDatabase, describeWithPostgres, type TestDatabase } from "./pg-test-database";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";

/** Timestamps are integers on SQLite and bigints on PostgreSQL; which integers they are, the name says. */
const isTimestampName = (name: string) => /_(at|until)$/.test(name);

const FAMILIES: Record<string, string> = {
  SQLiteInteger: "integer", SQLiteBoolean: "boolean", SQLiteText: "text", SQLiteTextJson: "json",
  PgInteger: "integer", PgBigInt53: "integer", PgBoolean: "boolean", PgText: "text", PgJsonb: "json",
};

function family(column: Column): string {
  const base = FAMILIES[column.columnType] ?? `unexpected ${column.columnType}`;
  return base === "integer" && isTimestampName(column.name) ? "timestamp-ms" : base;
}

/** What must agree about a column; a default written as SQL is compared only by its presence. */
function describeColumn(column: Column) {
  const enumValues = (column as { enumValues?: readonly string[] }).enumValues;
  return {
    name: column.name,
    family: family(column),
    notNull: column.notNull,
    hasDefault: column.hasDefault,
    primary: column.primary,
    default: is(column.default, SQL) ? sqlText(column.default) : column.default,
    enumValues: enumValues?.length ? [...enumValues] : undefined,
  };
}

/** A raw SQL default's text without PostgreSQL's casts: '["a"]'::jsonb on PostgreSQL is '["a"]' on SQLite. */
function sqlText(value: SQL): string {
  const text = value.queryChunks.map((c) => ((c as { value?: unknown }).value as string[] | undefined)?.join("") ?? "?").join("");
  return text.replace(/::\w+$/, "");
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function describeTable(config: Config) {
  const columns = config.columns.map(describeColumn).sort((a, b) => a.name.localeCompare(b.name));
  const indexes = config.indexes
    .map((i) => ({
      name: i.config.name,
      unique: i.config.unique,
      columns: i.config.columns.map((c) => (c as { name: string }).name),
      where: i.config.where ? sqlText(i.config.where) : undefined,
    }))
    .sort((a, b) => a.name!.localeCompare(b.name!));
  const foreignKeys = config.foreignKeys
    .map((fk) => fk.reference())
    .map((r) => `${r.columns.map((c) => c.name)} → ${getName(r.foreignTable)}(${r.foreignColumns.map((c) => c.name)})`)
    .sort();
  const primaryKeys = config.primaryKeys.map((pk) => pk.columns.map((c) => c.name));
  return { columns, indexes, foreignKeys, primaryKeys, uniqueConstraints: config.uniqueConstraints.length, checks: config.checks.length };
}

const getName = (table: unknown) => (is(table, PgTable) ? pgConfig(table).name : sqliteConfig(table as SQLiteTable).name);

const sqliteTables = Object.values(sqliteSchema as Record<string, unknown>).filter((v): v is SQLiteTable => is(v, SQLiteTable)).map(sqliteConfig);
const pgTables = Object.values(pgSchema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable)).map(pgConfig);
const byName = <T extends { name: string }>(list: T[]) => new Map(list.map((t) => [t.name, t]));

describe("db/schema.ts and db/schema-pg.ts", () => {
  it("have the same tables under the same export names", () => {
    const exportsOf = (schema: object, kind: typeof SQLiteTable | typeof PgTable) =>
      Object.entries(schema).filter(([, v]) => is(v, kind)).map(([k, v]) => `${k}=${getName(v)}`).sort();
    expect(exportsOf(pgSchema, PgTable)).toEqual(exportsOf(sqliteSchema, SQLiteTable));
    expect(sqliteTables.length).toBeGreaterThan(10);
  });

  const pgByName = byName(pgTables);
  for (const sqliteTable of sqliteTables) {
    it(`agree on ${sqliteTable.name}: columns, types, nullability, defaults, keys and indexes`, () => {
      const pgTable = pgByName.get(sqliteTable.name);
      expect(pgTable, `${sqliteTable.name} on PostgreSQL`).toBeDefined();
      expect(describeTable(pgTable!)).toEqual(describeTable(sqliteTable));
    });
  }

  it("give the same property names to the same SQL columns", () => {
    const columnsOf = (table: SQLiteTable | PgTable) =>
      Object.fromEntries(Object.entries(getTableColumns(table)).map(([property, column]) => [property, column.name]));
    for (const [name, table] of Object.entries(sqliteSchema).filter(([, v]) => is(v, SQLiteTable))) {
      const pgTable = (pgSchema as Record<string, unknown>)[name] as PgTable;
      expect(columnsOf(pgTable), name).toEqual(columnsOf(table as SQLiteTable));
    }
  });

  it("keep amounts, millisecond timestamps and the rate limit's milli-tokens in bigints on PostgreSQL, and nothing else", () => {
    // milli_tokens: a bucket holds its burst (a tenth of a minute's limit) × 1000, beyond an integer above ~21 million a minute.
    const MONEY_COLUMNS = ["amount", "amount_received", "amount_refunded", "applied_amount", "fee_tolerance", "milli_tokens"];
    const bigints = pgTables.flatMap((t) => t.columns.filter((c) => c.columnType === "PgBigInt53").map((c) => `${t.name}.${c.name}`));
    const expected = pgTables.flatMap((t) => t.columns.filter((c) => family(c) === "timestamp-ms" || MONEY_COLUMNS.includes(c.name)).map((c) => `${t.name}.${c.name}`));
    expect(bigints.sort()).toEqual(expected.sort());
    expect(bigints).toContain("payments.amount");
  });

  it("keep the Pending queue and the expiry sweep in partial indexes of one status, on both engines", () => {
    for (const tables of [sqliteTables, pgTables]) {
      const indexes = tables.find((t) => t.name === "payments")!.indexes.map((i) => i.config);
      const partial = (name: string) => indexes.find((i) => i.name === name);
      expect(sqlText(partial("payments_submitted_idx")!.where!)).toBe("status = 'submitted'");
      expect(sqlText(partial("payments_open_expires_idx")!.where!)).toBe("status = 'open'");
      // Of the indexes that hold status, only the list's (status, created_at, id) holds every payment: a change of status
      // rewrites its entry; the partial ones gain or lose one.
      const holdStatus = indexes.filter((i) => i.columns.some((c) => (c as { name: string }).name === "status"));
      expect(holdStatus.filter((i) => !i.where).map((i) => i.name)).toEqual(["payments_status_created_idx"]);
    }
  });

  it("infer row types that are assignable both ways (checked by tsc)", () => {
    expectTypeOf<Disagreeing>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<PgTableKey, SqliteTableKey>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<SqliteTableKey, PgTableKey>>().toEqualTypeOf<never>();
    expectTypeOf<NamedRowsDisagreeing>().toEqualTypeOf<never>();
    expectTypeOf<TypeChecks>().toEqualTypeOf<[never, never, never, never]>();
  });
});

// ---- Type-level agreement ----

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type S = typeof sqliteSchema;
type P = typeof pgSchema;
type SqliteTableKey = { [K in keyof S]: S[K] extends SQLiteTable ? K : never }[keyof S];
type PgTableKey = { [K in keyof P]: P[K] extends PgTable ? K : never }[keyof P];
type RowOf<T, W extends "$inferSelect" | "$inferInsert"> = T extends { [k in W]: infer R } ? R : never;
/** The names of the tables whose select or insert rows differ (never when all agree). */
type Disagreeing = {
  [K in SqliteTableKey & PgTableKey]: Mutual<RowOf<S[K], "$inferSelect">, RowOf<P[K], "$inferSelect">> extends true
    ? Mutual<RowOf<S[K], "$inferInsert">, RowOf<P[K], "$inferInsert">> extends true
      ? never
      : `${K} (insert)`
    : `${K} (select)`;
}[SqliteTableKey & PgTableKey];

/** The row types both modules export by name, each the same both ways. */
type NamedRows = {
  User: [sqliteSchema.User, pgSchema.User]; NewUser: [sqliteSchema.NewUser, pgSchema.NewUser];
  Session: [sqliteSchema.Session, pgSchema.Session]; BusinessProfile: [sqliteSchema.BusinessProfile, pgSchema.BusinessProfile];
  PaymentMethod: [sqliteSchema.PaymentMethod, pgSchema.PaymentMethod];
  NewPaymentMethod: [sqliteSchema.NewPaymentMethod, pgSchema.NewPaymentMethod];
  MethodSnapshot: [sqliteSchema.MethodSnapshot, pgSchema.MethodSnapshot];
  Payment: [sqliteSchema.Payment, pgSchema.Payment]; NewPayment: [sqliteSchema.NewPayment, pgSchema.NewPayment];
  PaymentEvent: [sqliteSchema.PaymentEvent, pgSchema.PaymentEvent];
  ConnectionRequest: [sqliteSchema.ConnectionRequest, pgSchema.ConnectionRequest];
  RequestComment: [sqliteSchema.RequestComment, pgSchema.RequestComment]; ApiKey: [sqliteSchema.ApiKey, pgSchema.ApiKey];
  WebhookEndpoint: [sqliteSchema.WebhookEndpoint, pgSchema.WebhookEndpoint];
  WebhookEvent: [sqliteSchema.WebhookEvent, pgSchema.WebhookEvent];
  WebhookDelivery: [sqliteSchema.WebhookDelivery, pgSchema.WebhookDelivery];
  WebhookAttempt: [sqliteSchema.WebhookAttempt, pgSchema.WebhookAttempt];
};
type NamedRowsDisagreeing = { [K in keyof NamedRows]: Mutual<NamedRows[K][0], NamedRows[K][1]> extends true ? never : K }[keyof NamedRows];
/** A second spelling of the checks above, for tsc's message: "Type '"payments (select)"' does not satisfy the constraint 'never'". */
type NoneOf<T extends never> = T;
type TypeChecks = [
  NoneOf<Disagreeing>,
  NoneOf<NamedRowsDisagreeing>,
  NoneOf<Exclude<PgTableKey, SqliteTableKey>>,
  NoneOf<Exclude<SqliteTableKey, PgTableKey>>,
];

// ---- The PostgreSQL migrations against their schema ----

describe("drizzle-pg/", () => {
  it("has a migration for every change of db/schema-pg.ts (drizzle-kit would generate nothing)", async () => {
    const { generateDrizzleJson, generateMigration } = await import("drizzle-kit/api");
    const folder = pgMigrationsFolder();
    const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
    const last = String(journal.entries.at(-1)!.idx).padStart(4, "0");
    const snapshot = JSON.parse(readFileSync(path.join(folder, `meta/${last}_snapshot.json`), "utf8"));
    const statements = await generateMigration(snapshot, generateDrizzleJson(pgSchema as Record<string, unknown>));
    expect(statements).toEqual([]);
  });
});

describeWithPostgres("a database migrated by drizzle-pg/", () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase("pg_agreement");
    await migratePostgres(database.url);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("has every column of db/schema-pg.ts with its type, nullability and default", async () => {
    const { rows } = await client.query<{ t: string; c: string; type: string; nullable: string; dflt: boolean }>(`
      SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable,
             (column_default IS NOT NULL OR is_identity = 'YES') AS dflt
      FROM information_schema.columns WHERE table_schema = 'public'`);
    const live = rows.map((r) => `${r.t}.${r.c} ${r.type}${r.nullable === "NO" ? " not null" : ""}${r.dflt ? " default" : ""}`);
    const SQL_TYPES: Record<string, string> = { PgInteger: "integer", PgBigInt53: "bigint", PgBoolean: "boolean", PgText: "text", PgJsonb: "jsonb" };
    const declared = pgTables.flatMap((t) =>
      t.columns.map((c) => `${t.name}.${c.name} ${SQL_TYPES[c.columnType]}${c.notNull ? " not null" : ""}${c.hasDefault ? " default" : ""}`),
    );
    expect(live.sort()).toEqual(declared.sort());
  });

  it("has every index of db/schema-pg.ts, unique where declared, and the primary keys", async () => {
    const { rows } = await client.query<{ t: string; i: string; u: boolean }>(`
      SELECT t.relname AS t, i.relname AS i, x.indisunique AS u
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`);
    const live = rows.map((r) => `${r.t}.${r.i}${r.u ? " unique" : ""}`);
    const declared = pgTables.flatMap((t) => [
      `${t.name}.${t.name}_pkey unique`,
      ...t.indexes.map((i) => `${t.name}.${i.config.name}${i.config.unique ? " unique" : ""}`),
    ]);
    expect(live.sort()).toEqual(declared.sort());
  });
});
