// In-process measurements (no HTTP): the query plans of every list and search query, their time through the app's
// own functions against raw prepared better-sqlite3 running the same SQL, and one Approve, one Confirm and one API create
// transaction both ways.
import type Database from "better-sqlite3";
import { count, desc, eq } from "drizzle-orm";
import { IS_POSTGRES } from "@/db/dialect";
import { sqliteConnections, type Db } from "@/db/connection";
import { apiListPayments, createPaymentIdempotent, requestHash } from "@/db/api";
import { decidePayment, dueForExpiryQuery, submitPayment } from "@/db/payments";
import { listPayments, listPaymentsQuery, pendingCount, pendingPayments, pendingPaymentsQuery, type ListFilter } from "@/db/payment-lists";
import { type Cursor } from "@/lib/cursor";
import { pageCacheState, payments, statusIs } from "@/db/tables";
import { toApiPayment } from "@/lib/api/payment";
import { generateReference } from "@/lib/reference";
import { newPaymentToken } from "@/lib/token";
import type { InProcessResult, PlanResult } from "./report";

/** What the bench searches for and pages to: real values from the seeded table. */
export type QueryInputs = {
  reference: string;
  email: string;
  orderId: string;
  /** A cursor deep in the Pending queue (about 90% of the way through). */
  pendingDeep: Cursor | null;
  /** A cursor deep in All payments (about 90% of the way back). */
  listDeep: Cursor | null;
  methodId: number;
};

export function pickQueryInputs(sqlite: Database.Database): QueryInputs {
  const total = (sqlite.prepare("SELECT max(id) AS n FROM payments").get() as { n: number | null }).n ?? 0;
  const mid = Math.max(1, Math.floor(total / 2));
  const row = sqlite
    .prepare("SELECT reference, customer_email AS email, order_id AS orderId FROM payments WHERE id >= ? AND customer_email IS NOT NULL AND order_id IS NOT NULL ORDER BY id LIMIT 1")
    .get(mid) as { reference: string; email: string; orderId: string } | undefined;
  const pendingTotal = (sqlite.prepare("SELECT count(*) AS n FROM payments WHERE status = 'submitted'").get() as { n: number }).n;
  const deep = sqlite
    .prepare("SELECT submitted_at AS t, id FROM payments WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 1 OFFSET ?")
    .get(Math.floor(pendingTotal * 0.9)) as Cursor | undefined;
  const listDeep = sqlite
    .prepare("SELECT created_at AS t, id FROM payments ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?")
    .get(Math.floor(total * 0.9)) as Cursor | undefined;
  const method = sqlite.prepare("SELECT id FROM payment_methods ORDER BY id LIMIT 1").get() as { id: number } | undefined;
  return {
    reference: row?.reference ?? "00000000",
    email: row?.email ?? "nobody@example.com",
    orderId: row?.orderId ?? "none",
    pendingDeep: deep ?? null,
    listDeep: listDeep ?? null,
    methodId: method?.id ?? 1,
  };
}

type NamedQuery = { id: string; name: string; query: { toSQL(): { sql: string; params: unknown[] } }; run: () => unknown };

/** Every list and search query the dashboard, the customer page and the API run on the payments table. */
export function listQueries(db: Db, q: QueryInputs, now = Date.now()): NamedQuery[] {
  const list = (id: string, name: string, filter: ListFilter, cursor: Cursor | null = null): NamedQuery => ({
    id,
    name,
    query: listPaymentsQuery(db, filter, { cursor, limit: 50 }),
    run: () => listPayments(db, filter, { cursor, limit: 50 }),
  });
  const apiList = db
    .select()
    .from(payments)
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(51);
  // The badge reads the number the database keeps (triggers), not a count of the waiting payments; on PostgreSQL, which
  // keeps none, it counts the submitted payments over the partial index (db/payment-lists.ts pendingCount).
  const countQuery = IS_POSTGRES
    ? db.select({ n: count() }).from(payments).where(statusIs("submitted"))
    : db.select({ n: pageCacheState.submittedCount }).from(pageCacheState).where(eq(pageCacheState.id, 1));
  const dueQuery = dueForExpiryQuery(db, now, 500);
  const byToken = db.select().from(payments).where(eq(payments.token, "AAAAAAAAAAAAAAAAAAAAAA"));
  return [
    { id: "pending-first", name: "Pending queue, first page", query: pendingPaymentsQuery(db, { limit: 50 }), run: () => pendingPayments(db, { limit: 50 }) },
    {
      id: "pending-deep",
      name: "Pending queue, deep page",
      query: pendingPaymentsQuery(db, { cursor: q.pendingDeep, limit: 50 }),
      run: () => pendingPayments(db, { cursor: q.pendingDeep, limit: 50 }),
    },
    { id: "pending-count", name: "Pending count (nav badge)", query: countQuery, run: () => pendingCount(db) },
    { id: "expire-due", name: "Expiry sweep (every list page)", query: dueQuery, run: () => dueQuery },
    list("list-first", "All payments, first page", {}),
    list("list-deep", "All payments, deep page", {}, q.listDeep),
    list("list-status", "All payments, status = approved", { status: "approved" }),
    list("list-method", "All payments, one method", { methodId: q.methodId }),
    list("search-reference", "Search by reference", { q: q.reference }),
    list("search-email", "Search by customer email", { q: q.email }),
    list("search-order", "Search by order ID", { q: q.orderId }),
    { id: "customer-token", name: "Customer page: payment by token", query: byToken, run: () => byToken.limit(1) },
    {
      id: "api-list",
      name: "API list, first page",
      query: apiList,
      run: () => apiListPayments(db, { limit: 50 }),
    },
  ];
}

/**
 * Classifies a query plan. A SCAN of a table without an index is a full scan. A SCAN of an index (in ORDER BY order,
 * stopped by LIMIT) is fine with no WHERE; with one, it may walk far through the index before it finds its rows, so
 * it is reported as an index walk.
 */
export function classifyPlan(lines: string[], sqlText = ""): { fullScan: boolean; indexWalk: boolean; summary: string } {
  const trimmed = lines.map((l) => l.trim());
  const full = trimmed.filter((l) => /^SCAN \w+$/.test(l) || /^SCAN \w+ (?!USING)/.test(l));
  const walks = /\bwhere\b/i.test(sqlText) ? trimmed.filter((l) => /^SCAN \w+ USING (COVERING )?INDEX/.test(l)) : [];
  const parts = trimmed.filter((l) => /^(SEARCH|SCAN|USE TEMP|MULTI-INDEX)/.test(l));
  if (full.length) return { fullScan: true, indexWalk: walks.length > 0, summary: `FULL SCAN: ${full.join("; ")}` };
  return { fullScan: false, indexWalk: walks.length > 0, summary: parts.join("; ") };
}

export function explain(sqlite: Database.Database, query: { sql: string; params: unknown[] }): string[] {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.params as unknown[])) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${"  ".repeat(d)}${r.detail}`;
  });
}

export function queryPlans(db: Db, inputs: QueryInputs): PlanResult[] {
  const { reader } = sqliteConnections(db);
  return listQueries(db, inputs).map((q) => {
    const s = q.query.toSQL();
    const plan = explain(reader, s);
    const c = classifyPlan(plan, s.sql);
    return { id: q.id, name: q.name, sql: s.sql, plan, fullScan: c.fullScan, indexWalk: c.indexWalk, summary: c.summary };
  });
}

/** Median, 99th percentile and mean of a sample, in milliseconds. */
export function stats(ms: number[]): { p50: number; p99: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) };
}

/** Times each call; a call that returns a promise (the app's functions) is timed until it settles. */
export async function time(iterations: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    const r = fn(i);
    if (r instanceof Promise || (r && typeof (r as PromiseLike<unknown>).then === "function")) await r;
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** The time of each list/search query through the app (drizzle, mapping, paging) and as raw prepared statements. */
export async function timeQueries(db: Db, inputs: QueryInputs, iterations = 200): Promise<InProcessResult[]> {
  const { reader } = sqliteConnections(db);
  const results: InProcessResult[] = [];
  const wanted = new Set(["pending-first", "pending-deep", "pending-count", "list-first", "list-deep", "search-reference", "search-email", "search-order"]);
  for (const q of listQueries(db, inputs).filter((q) => wanted.has(q.id))) {
    const s = q.query.toSQL();
    const stmt = reader.prepare(s.sql);
    const raw = () => (stmt.reader ? stmt.all(...(s.params as unknown[])) : stmt.run(...(s.params as unknown[])));
    // Warm both paths first, so neither pays for the page cache.
    for (let i = 0; i < 5; i++) {
      await q.run();
      raw();
    }
    const app = stats(await time(iterations, () => q.run()));
    const rawStats = stats(await time(iterations, raw));
    results.push({ id: q.id, name: q.name, iterations, app, raw: rawStats, ratio: app.p50 / Math.max(rawStats.p50, 1e-6) });
  }
  return results;
}

/** The webhook part of a state change, raw: the listening endpoints, one outbox row, one delivery per endpoint. */
function rawOutbox(c: Database.Database): (type: string, paymentId: number, row: unknown, now: number) => void {
  const endpoints = c.prepare("SELECT id, events FROM webhook_endpoints WHERE enabled = 1");
  const outbox = c.prepare("INSERT INTO webhook_events (msg_id, type, payment_id, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
  const delivery = c.prepare("INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at) VALUES (?, ?, 'pending', ?, ?)");
  let msg = 0;
  return (type, paymentId, row, now) => {
    const eps = (endpoints.all() as { id: number; events: string }[]).filter((e) => (JSON.parse(e.events) as string[]).includes(type));
    if (!eps.length) return;
    const payload = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data: row });
    const ev = outbox.get(`msg_bench_${process.pid}_${Date.now()}_${msg++}_${paymentId}`, type, paymentId, payload, now) as { id: number };
    for (const e of eps) delivery.run(ev.id, e.id, now, now);
  };
}

/** Two different sets of payments of the same size, one for the app and one for the raw statements (null if too few). */
export function splitIds(ids: number[], iterations: number): { n: number; appIds: number[]; rawIds: number[] } | null {
  const n = Math.min(iterations, Math.floor(ids.length / 2));
  return n < 1 ? null : { n, appIds: ids.slice(0, n), rawIds: ids.slice(n, 2 * n) };
}

/** The event row of a state change, raw. */
function rawEventInsert(c: Database.Database): Database.Statement {
  return c.prepare("INSERT INTO payment_events (payment_id, actor_type, actor_id, from_status, to_status, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
}

/**
 * Times `iterations` calls of fn, each in its own BEGIN IMMEDIATE … COMMIT, rolled back on a throw (what
 * writeTransaction does, without drizzle); fn gets the iteration and the time it started.
 */
async function timeRawTransactions(c: Database.Database, iterations: number, fn: (i: number, now: number) => void): Promise<InProcessResult["raw"]> {
  const begin = c.prepare("BEGIN IMMEDIATE");
  const commit = c.prepare("COMMIT");
  return stats(
    await time(iterations, (i) => {
      const now = Date.now();
      begin.run();
      try {
        fn(i, now);
        commit.run();
      } catch (err) {
        if (c.inTransaction) c.exec("ROLLBACK");
        throw err;
      }
    }),
  );
}

export const result = (id: string, name: string, iterations: number, app: InProcessResult["app"], raw: InProcessResult["raw"]): InProcessResult => ({
  id,
  name,
  iterations,
  app,
  raw,
  ratio: app.p50 / Math.max(raw.p50, 1e-6),
});

/**
 * One Approve: decidePayment (the app: guarded update, event row, outbox rows, in an IMMEDIATE transaction) against
 * the same statements prepared once and run raw: the read of the row, the guarded UPDATE … RETURNING the row the
 * webhook payload shows, the event row and the outbox rows. Each iteration approves a different submitted payment.
 */
export async function timeDecision(db: Db, submittedIds: number[], agentId: number, iterations = 200): Promise<InProcessResult | null> {
  const halves = splitIds(submittedIds, iterations);
  if (!halves) return null;
  const { n, appIds, rawIds } = halves;
  const app = stats(
    await time(n, async (i) => {
      const r = await decidePayment(db, { paymentId: appIds[i], decision: "approve", actor: { type: "user", id: String(agentId) }, userId: agentId });
      if (!r.ok) throw new Error(`decidePayment failed on ${appIds[i]}: ${r.error}`);
    }),
  );

  const c = sqliteConnections(db).writer;
  const select = c.prepare("SELECT * FROM payments WHERE id = ?");
  const update = c.prepare(
    "UPDATE payments SET status = ?, decision_reason = ?, decided_by_user_id = ?, decided_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND status = ? RETURNING *",
  );
  const event = rawEventInsert(c);
  const outbox = rawOutbox(c);
  const raw = await timeRawTransactions(c, n, (i, now) => {
    const id = rawIds[i];
    const p = select.get(id) as { status: string } | undefined;
    if (!p || p.status !== "submitted") throw new Error(`payment ${id} is not submitted`);
    const row = update.get("approved", null, agentId, now, now, id, "submitted");
    if (!row) throw new Error("lost the race");
    event.run(id, "user", String(agentId), "submitted", "approved", null, now);
    outbox("payment.approved", id, row, now);
  });
  return result("decision-tx", "One Approve transaction", n, app, raw);
}

/**
 * One Confirm ("I have paid"): submitPayment against the same statements raw: the guarded UPDATE … RETURNING (open,
 * not expired, a method chosen), the event row and the outbox rows. Each iteration submits a different open payment
 * that has a method (ids: open payments with a method and an expiry in the future).
 */
export async function timeSubmit(db: Db, openWithMethodIds: number[], iterations = 200): Promise<InProcessResult | null> {
  const halves = splitIds(openWithMethodIds, iterations);
  if (!halves) return null;
  const { n, appIds, rawIds } = halves;
  const app = stats(
    await time(n, async (i) => {
      const r = await submitPayment(db, { paymentId: appIds[i], transactionId: `BENCH-${i}`, receipt: null });
      if (!r.ok) throw new Error(`submitPayment failed on ${appIds[i]}: ${r.error}`);
    }),
  );

  const c = sqliteConnections(db).writer;
  const update = c.prepare(
    "UPDATE payments SET status = 'submitted', transaction_id = ?, receipt_file = ?, receipt_mime = ?, receipt_size = ?, submitted_at = ?, updated_at = ?, version = version + 1 " +
      "WHERE id = ? AND status = 'open' AND expires_at > ? AND method_id IS NOT NULL RETURNING *",
  );
  const event = rawEventInsert(c);
  const outbox = rawOutbox(c);
  const raw = await timeRawTransactions(c, n, (i, now) => {
    const id = rawIds[i];
    const row = update.get(`BENCH-${i}`, null, null, null, now, now, id, now);
    if (!row) throw new Error(`payment ${id} is not open with a method`);
    event.run(id, "customer", null, "open", "submitted", null, now);
    outbox("payment.submitted", id, row, now);
  });
  return result("submit-tx", "One Confirm transaction", n, app, raw);
}

/**
 * One API create: createPaymentIdempotent with a new Idempotency-Key each call (the lookup of the key, the payment
 * with its first event, the stored response) against the same statements raw. Both draw the token and the reference
 * the same way; the raw side stores its row as JSON instead of mapping it to the API's shape.
 */
export async function timeApiCreate(db: Db, apiKeyId: number, iterations = 200): Promise<InProcessResult> {
  const base = "https://pay.example";
  const run = `${process.pid}-${Date.now()}`;
  const body = (i: number) => ({
    amount: 4990 + i,
    currency: "EUR",
    description: `Order ${i}`,
    orderId: `bench-${run}-${i}`,
    customerName: "Bench Customer",
    customerEmail: "bench@example.com",
    returnUrl: "https://shop.example/return",
    metadata: { cart: i, source: "bench" },
  });
  const app = stats(
    await time(iterations, async (i) => {
      const now = Date.now();
      const r = await createPaymentIdempotent(db, {
        apiKeyId,
        idempotencyKey: `app-${run}-${i}`,
        requestHash: requestHash("POST", "/api/v1/payments", String(i)),
        now,
        payment: { ...body(i), expiresAt: now + 72 * 3600_000, createdByApiKeyId: apiKeyId, actor: { type: "api_key", id: String(apiKeyId) } },
        render: (p) => ({ status: 201, body: JSON.stringify(toApiPayment(p, [], base)) }),
      });
      if (r.kind !== "created") throw new Error(`createPaymentIdempotent answered ${r.kind}`);
    }),
  );

  const c = sqliteConnections(db).writer;
  const seen = c.prepare("SELECT * FROM idempotency_keys WHERE api_key_id = ? AND key = ?");
  const insert = c.prepare(
    "INSERT INTO payments (token, reference, status, amount, currency, description, order_id, customer_name, customer_email, return_url, " +
      "expires_at, link_expires_at, created_by_user_id, created_by_api_key_id, metadata, created_at, updated_at) " +
      "VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
  );
  const event = rawEventInsert(c);
  const store = c.prepare(
    "INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const raw = await timeRawTransactions(c, iterations, (i, now) => {
    const key = `raw-${run}-${i}`;
    const hash = requestHash("POST", "/api/v1/payments", String(i));
    const b = body(i);
    if (seen.get(apiKeyId, key)) throw new Error(`idempotency key ${key} was seen`);
    const expiresAt = now + 72 * 3600_000;
    const row = insert.get(
      newPaymentToken(),
      generateReference(),
      b.amount,
      b.currency,
      b.description,
      b.orderId,
      b.customerName,
      b.customerEmail.toLowerCase(),
      b.returnUrl,
      expiresAt,
      expiresAt,
      null,
      apiKeyId,
      JSON.stringify(b.metadata),
      now,
      now,
    ) as { id: number };
    event.run(row.id, "api_key", String(apiKeyId), null, "open", null, now);
    store.run(apiKeyId, key, hash, 201, JSON.stringify(row), now);
  });
  return result("api-create-tx", "One API create transaction", iterations, app, raw);
}
