// Child process for db/decision-race.test.ts: opens the shared SQLite file, says "ready", waits for "go <startAt>"
// on stdin, sleeps until that moment and then performs exactly one operation, printing one JSON line with the result.
// Usage: node --import tsx db/test-race-worker.ts <databaseUrl> <jsonOp>
//   op = { kind: "decide", paymentId, decision, reason?, userId? }
//      | { kind: "submit", paymentId, transactionId }
//      | { kind: "apiCancel", paymentId, reason? }
//      | { kind: "idempotentCreate", apiKeyId, idempotencyKey, body }
//      | { kind: "expire" }   (the expiry job's work; message = how many it expired)
import readline from "node:readline";
import { sql } from "drizzle-orm";
import { closeDb, openDatabase, type Db } from "./connection";
import { rawRows } from "./dialect";
import { decidePayment, expireDuePayments, paymentById, submitPayment } from "./payments";
import { createPaymentIdempotent, requestHash } from "./api";

type Op =
  | { kind: "decide"; paymentId: number; decision: "approve" | "cancel"; reason?: string | null; userId: number }
  | { kind: "submit"; paymentId: number; transactionId: string }
  | { kind: "apiCancel"; paymentId: number; reason?: string | null }
  | { kind: "idempotentCreate"; apiKeyId: number; idempotencyKey: string; body: string }
  | { kind: "expire" };

export type WorkerReport = {
  pid: number;
  ok: boolean;
  error: string | null;
  conflictStatus: string | null;
  message: string | null;
  /** For idempotentCreate: what the API would answer. */
  response?: string | null;
  startedAt: number;
  finishedAt: number;
  threw: string | null;
};

const [url, rawOp] = process.argv.slice(2);
if (!url || !rawOp) {
  console.error("usage: test-race-worker.ts <databaseUrl> <jsonOp>");
  process.exit(2);
}
const op = JSON.parse(rawOp) as Op;
let db: Db;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function waitUntil(t: number) {
  for (;;) {
    const left = t - Date.now();
    if (left <= 0) return;
    // Block coarsely, then spin the last couple of milliseconds so every process fires at about the same instant.
    if (left > 3) Atomics.wait(sleeper, 0, 0, left - 2);
  }
}

async function run(): Promise<Omit<WorkerReport, "pid" | "startedAt" | "finishedAt" | "threw">> {
  if (op.kind === "idempotentCreate") {
    const r = await createPaymentIdempotent(db, {
      apiKeyId: op.apiKeyId,
      idempotencyKey: op.idempotencyKey,
      requestHash: requestHash("POST", "/api/v1/payments", op.body),
      payment: { amount: 1000, currency: "EUR", description: "race", orderId: "race", expiresAt: Date.now() + 3600_000, actor: { type: "api_key", id: String(op.apiKeyId) } },
      render: (p) => ({ status: 201, body: JSON.stringify({ id: p.id, reference: p.reference, token: p.token }) }),
    });
    return { ok: r.kind === "created", error: r.kind, conflictStatus: null, message: null, response: r.kind === "conflict" ? null : r.response.body };
  }
  if (op.kind === "expire") return { ok: true, error: null, conflictStatus: null, message: String(await expireDuePayments(db)) };
  if (op.kind === "submit") {
    const r = await submitPayment(db, { paymentId: op.paymentId, transactionId: op.transactionId, receipt: null });
    return { ok: r.ok, error: r.ok ? null : r.error, conflictStatus: null, message: null };
  }
  const r =
    op.kind === "decide"
      ? await decidePayment(db, {
          paymentId: op.paymentId,
          decision: op.decision,
          reason: op.reason ?? null,
          actor: { type: "user", id: String(op.userId) },
          userId: op.userId,
        })
      : await decidePayment(db, { paymentId: op.paymentId, decision: "cancel", reason: op.reason ?? null, actor: { type: "api_key", id: "shop-backend" } });
  if (r.ok) return { ok: true, error: null, conflictStatus: null, message: null };
  return { ok: false, error: r.error, conflictStatus: r.error === "conflict" ? r.status : null, message: r.error === "conflict" ? r.message : null };
}

async function main() {
  db = await openDatabase(url, { runMigrations: false });
  // A first query opens a connection (PostgreSQL's pool opens them on demand), so the race starts with every worker
  // connected; it also compiles statements and touches the file, so the race itself is as tight as possible.
  await rawRows(db, sql`SELECT 1`);
  await paymentById(db, "paymentId" in op ? op.paymentId : 0);
  process.stdout.write("ready\n");
}

const rl = readline.createInterface({ input: process.stdin });
rl.once("line", async (line) => {
  const m = /^go (\d+)$/.exec(line.trim());
  const startAt = m ? Number(m[1]) : Date.now();
  waitUntil(startAt);
  const startedAt = Date.now();
  let report: WorkerReport;
  try {
    report = { pid: process.pid, ...(await run()), startedAt, finishedAt: Date.now(), threw: null };
  } catch (err) {
    report = { pid: process.pid, ok: false, error: null, conflictStatus: null, message: null, startedAt, finishedAt: Date.now(), threw: String(err) };
  }
  await closeDb(db);
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(report.threw ? 1 : 0));
  rl.close();
});
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
