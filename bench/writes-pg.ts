// The write transactions on PostgreSQL, in-process: one Approve and one Confirm through the app (drizzle, the pool,
// writeTransaction) against the same statements run raw on one pg client as named prepared statements, each in its
// own BEGIN … COMMIT: what the app's layers cost on top of the database's own work (bench/queries.ts does the same on
// SQLite). Runs in the PostgreSQL child process (bench/pg-child.ts).
import pg from "pg";
import type { Db } from "@/db/connection";
import { decidePayment, submitPayment } from "@/db/payments";
import { result, splitIds, stats, time } from "./queries";
import type { InProcessResult } from "./report";

type Raw = (name: string, text: string, values: unknown[]) => Promise<pg.QueryResult>;

/** The outbox rows of a state change, raw: an event and a delivery for each endpoint that listens for it. */
async function rawOutbox(q: Raw, type: string, paymentId: number, row: unknown, now: number, seq: number): Promise<void> {
  const endpoints = (await q("bench-endpoints", "SELECT id, events FROM webhook_endpoints WHERE enabled = $1", [true])).rows as { id: number; events: unknown }[];
  const listening = endpoints.filter((e) => (typeof e.events === "string" ? (JSON.parse(e.events) as string[]) : (e.events as string[])).includes(type));
  if (!listening.length) return;
  const payload = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data: row });
  const ev = await q(
    "bench-outbox",
    "INSERT INTO webhook_events (msg_id, type, payment_id, payload, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    [`msg_bench_${process.pid}_${now}_${seq}_${paymentId}`, type, paymentId, payload, now],
  );
  for (const e of listening) {
    await q(
      "bench-delivery",
      "INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at) VALUES ($1, $2, 'pending', $3, $3)",
      [ev.rows[0].id, e.id, now],
    );
  }
}

const EVENT_SQL = "INSERT INTO payment_events (payment_id, actor_type, actor_id, from_status, to_status, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/** Times each call of fn in its own BEGIN … COMMIT on the raw client, rolled back on a throw. */
async function rawTransactions(client: pg.Client, n: number, fn: (q: Raw, i: number, now: number) => Promise<void>) {
  const q: Raw = (name, text, values) => client.query({ name, text, values });
  return stats(
    await time(n, async (i) => {
      const now = Date.now();
      await client.query("BEGIN");
      try {
        await fn(q, i, now);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    }),
  );
}

export async function timeWritesPg(db: Db, client: pg.Client, iterations: number): Promise<InProcessResult[]> {
  const ids = async (where: string, values: unknown[] = []) =>
    (await client.query<{ id: number }>(`SELECT id FROM payments WHERE ${where} ORDER BY id DESC LIMIT ${2 * iterations}`, values)).rows.map((r) => Number(r.id));
  const agentId = Number((await client.query<{ id: number }>("SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1")).rows[0]?.id ?? 0) || null;
  const out: InProcessResult[] = [];

  const submitted = splitIds(await ids("status = 'submitted'"), iterations);
  if (submitted) {
    const { n, appIds, rawIds } = submitted;
    const app = stats(
      await time(n, async (i) => {
        const r = await decidePayment(db, { paymentId: appIds[i], decision: "approve", actor: { type: "user", id: String(agentId) }, userId: agentId });
        if (!r.ok) throw new Error(`decidePayment failed on ${appIds[i]}: ${r.error}`);
      }),
    );
    const raw = await rawTransactions(client, n, async (q, i, now) => {
      const id = rawIds[i];
      const [p] = (await q("bench-payment", "SELECT * FROM payments WHERE id = $1", [id])).rows as { status: string }[];
      if (!p || p.status !== "submitted") throw new Error(`payment ${id} is not submitted`);
      const update =
        "UPDATE payments SET status = $1, decision_reason = $2, decided_by_user_id = $3, decided_at = $4, updated_at = $4, version = version + 1 WHERE id = $5 AND status = $6 RETURNING *";
      const [row] = (await q("bench-decide", update, ["approved", null, agentId, now, id, "submitted"])).rows;
      if (!row) throw new Error("lost the race");
      await q("bench-event", EVENT_SQL, [id, "user", String(agentId), "submitted", "approved", null, now]);
      await rawOutbox(q, "payment.approved", id, row, now, i);
    });
    out.push(result("decision-tx", "One Approve transaction", n, app, raw));
  }

  const open = splitIds(await ids("status = 'open' AND method_id IS NOT NULL AND expires_at > $1", [Date.now() + 3_600_000]), iterations);
  if (open) {
    const { n, appIds, rawIds } = open;
    const app = stats(
      await time(n, async (i) => {
        const r = await submitPayment(db, { paymentId: appIds[i], transactionId: `BENCH-${i}`, receipt: null });
        if (!r.ok) throw new Error(`submitPayment failed on ${appIds[i]}: ${r.error}`);
      }),
    );
    const raw = await rawTransactions(client, n, async (q, i, now) => {
      const id = rawIds[i];
      const update =
        "UPDATE payments SET status = 'submitted', transaction_id = $1, submitted_at = $2, updated_at = $2, version = version + 1 " +
        "WHERE id = $3 AND status = 'open' AND expires_at > $2 AND method_id IS NOT NULL RETURNING *";
      const [row] = (await q("bench-submit", update, [`BENCH-${i}`, now, id])).rows;
      if (!row) throw new Error(`payment ${id} is not open with a method`);
      await q("bench-event", EVENT_SQL, [id, "customer", null, "open", "submitted", null, now]);
      await rawOutbox(q, "payment.submitted", id, row, now, i);
    });
    out.push(result("submit-tx", "One Confirm transaction", n, app, raw));
  }
  return out;
}
