import { describe, expect, it } from "vitest";
import { classifyPgPlan } from "./queries-pg";
import { toPgPlaceholders } from "./row-source";
import { benchDatabase, unnestInsert } from "./seed-pg";
import { BENCH_METHODS, DEFAULT_MIX, EVENT_COLUMNS, PAYMENT_COLUMNS, planRows, prng, rowMaker } from "./seed";
import type { PaymentMethod } from "@/db/tables";

describe("the PostgreSQL bench", () => {
  it("inserts a batch as one INSERT … SELECT FROM unnest, jsonb columns cast from text", () => {
    expect(unnestInsert("payment_events", ["payment_id", "reason", "created_at"])).toBe(
      "INSERT INTO payment_events (payment_id, reason, created_at) SELECT payment_id, reason, created_at FROM unnest($1::integer[], $2::text[], $3::bigint[]) AS t(payment_id, reason, created_at)",
    );
    expect(unnestInsert("payments", ["token", "metadata"])).toContain("SELECT token, metadata::jsonb FROM unnest($1::text[], $2::text[])");
  });

  it("seeds only a database named bench_…, and drops it from the maintenance database", () => {
    expect(benchDatabase("postgres://postgres@127.0.0.1:5432/bench_pg")).toEqual({ name: "bench_pg", admin: "postgres://postgres@127.0.0.1:5432/postgres" });
    expect(() => benchDatabase("postgres://postgres@127.0.0.1:5432/app")).toThrow(/bench_/);
  });

  it("numbers ? placeholders for pg", () => {
    expect(toPgPlaceholders("SELECT id FROM payments WHERE status = ? AND id > ? LIMIT ?")).toBe("SELECT id FROM payments WHERE status = $1 AND id > $2 LIMIT $3");
  });

  it("calls a Seq Scan on payments a full scan, and an index scan that filters a walk", () => {
    const seq = classifyPgPlan(["Limit  (cost=0.00..1.00 rows=500 width=4)", "  ->  Seq Scan on payments  (cost=0.00..1783.00 rows=3189 width=4)", "        Filter: (status = 'open'::text)"], "select id from payments where status = $1");
    expect(seq.fullScan).toBe(true);
    const ix = classifyPgPlan(["Limit  (cost=0.42..5.00 rows=51 width=300)", "  ->  Index Scan using payments_submitted_idx on payments  (cost=0.42..900.00 rows=10000 width=300)"], "select * from payments where status = 'submitted'");
    expect(ix).toEqual({ fullScan: false, indexWalk: false, summary: "Limit; Index Scan using payments_submitted_idx on payments" });
    const walk = classifyPgPlan(["Limit", "  ->  Index Scan Backward using payments_created_idx on payments", "        Filter: (method_id = 1)"], "select * from payments where method_id = $1");
    expect(walk.indexWalk).toBe(true);
    expect(classifyPgPlan(["Seq Scan on page_cache_state  (cost=0.00..1.01 rows=1 width=4)"]).fullScan).toBe(false);
  });
});

describe("the same rows on both engines", () => {
  it("draws every payment's content from the seed, so two row makers with one seed agree on all but tokens and references", () => {
    const methods = BENCH_METHODS.map((m, i) => ({ ...m, id: i + 1, createdAt: 0, updatedAt: 0 })) as unknown as PaymentMethod[];
    const make = () => {
      const rand = prng(7);
      const plan = planRows(500, DEFAULT_MIX, 1_800_000_000_000, rand, 0);
      const row = rowMaker({ payments: 500, now: 1_800_000_000_000, rand, methods, agentId: 2, apiKeyId: 1 });
      return plan.map((r, i) => row(r, i + 1));
    };
    const strip = (rows: ReturnType<typeof make>) =>
      rows.map(({ payment, events }) => ({ payment: payment.filter((_, c) => !["token", "reference", "transaction_id", "receipt_file"].includes(PAYMENT_COLUMNS[c])), events }));
    const a = make();
    expect(strip(a)).toEqual(strip(make()));
    expect(a[0].payment).toHaveLength(PAYMENT_COLUMNS.length);
    expect(a.flatMap((r) => r.events).every((e) => e.length === EVENT_COLUMNS.length)).toBe(true);
  });
});
