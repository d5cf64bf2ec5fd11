// Upgrades in place: a SQLite database made by the migrations of the last release (0000–0007, the state before this
// release's tables and columns) and filled with the demo data is opened by today's code, which applies the newer
// migrations; nothing is lost and the old rows work with the new code. On PostgreSQL, a pg_dump of a running database
// restores with pg_restore into a database the app opens and finds current (docs/deploy.md's backup recipe).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, openDatabase, openDb, type Db } from "@/db/connection";
import { databaseHealth } from "@/db/health";
import { decidePayment, paymentByToken } from "@/db/payments";
import { listPayments } from "@/db/payment-lists";
import { createTestDatabase, describeWithPostgres } from "@/db/pg-test-database";
import { seed } from "@/db/seed";
import { paymentEvents, payments, users } from "@/db/tables";

/** The last migration of the release before this one (drizzle/0007_api_rate_buckets.sql). */
const LAST_RELEASED = 7;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-upgrade-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of drizzle/ holding only the migrations up to `last`, as an older release shipped it. */
function olderMigrations(last: number): string {
  const folder = path.join(dir, "drizzle-old");
  fs.cpSync(path.resolve("drizzle"), folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= last);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

async function snapshot(db: Db) {
  return {
    users: (await db.select().from(users)).map((u) => [u.id, u.email, u.passwordHash, u.role]),
    payments: (await db.select().from(payments)).map((p) => [p.id, p.reference, p.token, p.amount, p.currency, p.status, p.methodId, p.transactionId, p.submittedAt]),
    events: (await db.select().from(paymentEvents)).length,
  };
}

describe.skipIf(!!process.env.DATABASE_URL?.startsWith("postgres"))("upgrading a SQLite database in place", () => {
  it("keeps every user, payment and event of a database made by the last release, and its payments still work", { timeout: 300_000 }, async () => {
    const file = path.join(dir, "app.db");
    const previous = process.env.MIGRATIONS_DIR;
    process.env.MIGRATIONS_DIR = olderMigrations(LAST_RELEASED);
    let before;
    try {
      const old = openDb(`file:${file}`);
      await seed(old, { quiet: true });
      before = await snapshot(old);
      await closeDb(old);
    } finally {
      if (previous === undefined) delete process.env.MIGRATIONS_DIR;
      else process.env.MIGRATIONS_DIR = previous;
    }
    expect(before.payments.length).toBeGreaterThan(5);

    const db = await openDatabase(`file:${file}`);
    try {
      expect(await databaseHealth(db)).toMatchObject({ status: "ok" });
      expect(await snapshot(db)).toEqual(before);
      // Old rows through today's code: listed, and a submitted one decided.
      expect((await listPayments(db, {})).rows.length).toBeGreaterThan(0);
      const submitted = (await db.select().from(payments)).find((p) => p.status === "submitted")!;
      const decided = await decidePayment(db, { paymentId: submitted.id, decision: "approve", actor: { type: "user", id: "1" }, userId: 1 });
      expect(decided.ok).toBe(true);
      expect((await paymentByToken(db, submitted.token))!.status).toBe("approved");
    } finally {
      await closeDb(db);
    }
  });
});

describeWithPostgres("PostgreSQL backup and restore (pg_dump / pg_restore)", () => {
  it("a dump of a seeded database restores into an empty one that the app finds current, with every row", { timeout: 300_000 }, async () => {
    const source = await createTestDatabase("dump_src");
    const target = await createTestDatabase("dump_dst");
    try {
      const dumpFile = path.join(dir, "app.dump");
      // The database is made and filled by the migrations and a child process running the seed script.
      execFileSync(process.execPath, ["--import", "tsx", "db/seed.ts"], { env: { ...process.env, DATABASE_URL: source.url }, stdio: "ignore" });
      execFileSync("pg_dump", ["--format=custom", "--no-owner", `--file=${dumpFile}`, source.url]);
      execFileSync("pg_restore", ["--no-owner", `--dbname=${target.url}`, dumpFile]);
      const count = (url: string, table: string) =>
        Number(execFileSync("psql", ["-At", "-c", `SELECT count(*) FROM ${table}`, url], { encoding: "utf8" }).trim());
      for (const table of ["users", "payments", "payment_events", "payment_methods", "drizzle.__drizzle_migrations"]) {
        expect(count(target.url, table), table).toBe(count(source.url, table));
      }
      expect(count(target.url, "payments")).toBeGreaterThan(5);
      // The restored database is current: the app's migration step has nothing to do and the health check passes.
      const health = execFileSync(process.execPath, ["--import", "tsx", "-e", HEALTH_SCRIPT], { env: { ...process.env, DATABASE_URL: target.url }, encoding: "utf8" });
      expect(JSON.parse(health)).toMatchObject({ status: "ok" });
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});

// (tsx hands an eval'd dynamic import of a TypeScript module its exports under default)
const HEALTH_SCRIPT = `
const load = async (m) => { const x = await import(m); return x.default ?? x; };
load("./db/connection.ts").then(async ({ openDatabase, closeDb }) => {
  const { databaseHealth } = await load("./db/health.ts");
  const db = await openDatabase(undefined, { runMigrations: false });
  process.stdout.write(JSON.stringify(await databaseHealth(db)));
  await closeDb(db);
});
`;
