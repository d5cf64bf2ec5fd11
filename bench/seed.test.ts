// The bench's seeding on a tiny run: the real schema, the mix of statuses, every payment's events, the indexes back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, sqliteConnections } from "@/db/connection";
import { listPayments, pendingPayments } from "@/db/payment-lists";
import { apiKeyBySecret } from "@/db/api";
import { DEFAULT_MIX, FIRST_VIEWED, planCounts, planRows, prng, REPEAT_VIEWED, seedBenchDb, statusCounts, STATUSES, type SeedResult } from "./seed";
import { classifyPlan, pickQueryInputs, queryPlans } from "./queries";

let dir: string;
let seeded: SeedResult;
let db: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-seed-"));
  seeded = await seedBenchDb({ payments: 1000, file: path.join(dir, "bench.db"), writePool: 0 });
  db = new Database(seeded.file, { readonly: true });
}, 300_000);

afterAll(async () => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const n = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;

describe("statusCounts / planCounts", () => {
  it("splits exactly n payments by the mix", async () => {
    for (const total of [1, 7, 1000, 123_457]) {
      const c = statusCounts(total, DEFAULT_MIX);
      expect(STATUSES.reduce((s, k) => s + c[k], 0)).toBe(total);
    }
    expect(statusCounts(1000, DEFAULT_MIX)).toEqual({ open: 30, submitted: 20, approved: 770, cancelled: 60, expired: 120 });
  });

  it("raises the write pools from the approved share, keeping the total", async () => {
    const { counts, openWithMethod } = planCounts(20_000, DEFAULT_MIX, 1000);
    expect(STATUSES.reduce((s, k) => s + counts[k], 0)).toBe(20_000);
    // Confirm's 1,000 beside the 5,500 the customer page's views take.
    expect(openWithMethod).toBe(1000 + REPEAT_VIEWED + FIRST_VIEWED);
    expect(counts.submitted).toBe(1000);
    expect(counts.open).toBe(openWithMethod + 1000); // with a method, and without one (first views)
  });

  it("plans rows oldest first over three years, open ones recent", async () => {
    const now = Date.UTC(2026, 10, 27);
    const rows = planRows(2000, DEFAULT_MIX, now, prng(1));
    expect(rows).toHaveLength(2000);
    for (let i = 1; i < rows.length; i++) expect(rows[i].createdAt).toBeGreaterThanOrEqual(rows[i - 1].createdAt);
    expect(rows[0].createdAt).toBeGreaterThan(now - 3 * 366 * 24 * 3600_000);
    for (const r of rows.filter((x) => x.status === "open")) expect(now - r.createdAt).toBeLessThanOrEqual(61 * 24 * 3600_000);
  });
});

describe("seedBenchDb (1,000 payments)", () => {
  it("writes the planned number of payments of each status", async () => {
    expect(n("SELECT count(*) AS n FROM payments")).toBe(1000);
    for (const s of STATUSES) expect(n("SELECT count(*) AS n FROM payments WHERE status = ?", s)).toBe(seeded.counts[s]);
    expect(seeded.counts.submitted).toBe(20);
    // The dashboard's badge reads the number the database keeps (triggers); bulk inserts keep it too.
    expect(n("SELECT submitted_count AS n FROM page_cache_state WHERE id = 1")).toBe(20);
    expect(n("SELECT count(*) AS n FROM payments WHERE status = 'open' AND method_id IS NOT NULL")).toBe(seeded.openWithMethod);
  });

  it("gives every payment its event rows, matching its history", async () => {
    expect(n("SELECT count(*) AS n FROM payment_events")).toBe(seeded.events);
    expect(n("SELECT count(*) AS n FROM payments p WHERE NOT EXISTS (SELECT 1 FROM payment_events e WHERE e.payment_id = p.id AND e.to_status = 'open')")).toBe(0);
    // Submitted: created, then submitted, and nothing else.
    expect(
      n("SELECT count(*) AS n FROM payments p WHERE p.status = 'submitted' AND (SELECT count(*) FROM payment_events e WHERE e.payment_id = p.id) <> 2"),
    ).toBe(0);
    // Approved and expired: the last event leads to the payment's status.
    for (const s of ["approved", "cancelled", "expired"]) {
      expect(
        n(
          "SELECT count(*) AS n FROM payments p WHERE p.status = ? AND (SELECT to_status FROM payment_events e WHERE e.payment_id = p.id ORDER BY e.id DESC LIMIT 1) <> p.status",
          s,
        ),
      ).toBe(0);
    }
    // Open payments have a future expiry, so reading them never expires them.
    expect(n("SELECT count(*) AS n FROM payments WHERE status = 'open' AND expires_at <= ?", Date.now())).toBe(0);
    // A payment with a method carries the snapshot the customer saw.
    expect(n("SELECT count(*) AS n FROM payments WHERE method_id IS NOT NULL AND json_extract(method_snapshot, '$.id') <> method_id")).toBe(0);
  });

  it("spreads payments over six methods and several currencies, with unique tokens and references", async () => {
    expect(n("SELECT count(*) AS n FROM payment_methods")).toBe(6);
    expect(n("SELECT count(DISTINCT method_id) AS n FROM payments WHERE method_id IS NOT NULL")).toBeGreaterThanOrEqual(5);
    expect(n("SELECT count(DISTINCT currency) AS n FROM payments")).toBeGreaterThanOrEqual(5);
    expect(n("SELECT count(DISTINCT token) AS n FROM payments")).toBe(1000);
    expect(n("SELECT count(DISTINCT reference) AS n FROM payments")).toBe(1000);
  });

  it("has the schema of the app's migrations with every index rebuilt, and is back in WAL mode", async () => {
    const fresh = openDb(":memory:");
    const want = (sqliteConnections(fresh).writer.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    sqliteConnections(fresh).writer.close();
    const have = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(have).toEqual(want);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("creates the demo staff, an API key that authenticates, and a webhook endpoint", async () => {
    const app = openDb(`file:${seeded.file}`);
    try {
      expect((await apiKeyBySecret(app, seeded.apiKey))?.id).toBe(seeded.apiKeyId);
      expect(n("SELECT count(*) AS n FROM users WHERE email = ?", seeded.agent.email)).toBe(1);
      expect(n("SELECT count(*) AS n FROM webhook_endpoints WHERE enabled = 1")).toBe(1);
      // The app's own queries work on the seeded rows.
      expect((await pendingPayments(app, { limit: 50 })).rows).toHaveLength(20);
      expect((await listPayments(app, {}, { limit: 50 })).rows).toHaveLength(50);
    } finally {
      sqliteConnections(app).writer.close();
    }
  });

  it("finds an index for every list and search query (no full scans)", async () => {
    const app = openDb(`file:${seeded.file}`);
    try {
      const plans = queryPlans(app, pickQueryInputs(sqliteConnections(app).writer));
      expect(plans.length).toBeGreaterThanOrEqual(10);
      for (const p of plans) expect(p.fullScan, `${p.id}: ${p.plan.join(" / ")}`).toBe(false);
      // Deep pages seek to the cursor rather than walking the index up to it.
      for (const p of plans.filter((x) => /deep/.test(x.id))) expect(p.indexWalk, `${p.id}: ${p.plan.join(" / ")}`).toBe(false);
    } finally {
      sqliteConnections(app).writer.close();
    }
  });
});

describe("classifyPlan", () => {
  it("tells a full scan, an index walk with a filter and an index search apart", async () => {
    expect(classifyPlan(["SCAN payments"]).fullScan).toBe(true);
    expect(classifyPlan(["SCAN payments USING INDEX payments_created_idx"], "select 1 from payments order by created_at limit 5")).toMatchObject({ fullScan: false, indexWalk: false });
    expect(classifyPlan(["SCAN payments USING INDEX payments_created_idx"], "select 1 from payments where x = 1 order by created_at limit 5")).toMatchObject({ fullScan: false, indexWalk: true });
    expect(classifyPlan(["SEARCH payments USING INDEX payments_email_idx (customer_email=?)", "USE TEMP B-TREE FOR ORDER BY"])).toMatchObject({ fullScan: false, indexWalk: false });
  });
});
