// Pages each kind of write puts in the WAL, and its time, in-process on a seeded bench database: the one-row insert,
// an API create, a Confirm and an Approve, each N times, with SQLite's automatic checkpoint off and the WAL emptied
// before each kind (so its size counts the pages). It writes to the database: run it on a copy.
//
//   cp bench/tmp/bench-1000000.db /tmp/copy.db && npx tsx bench/wal-pages.ts /tmp/copy.db 300
import fs from "node:fs";
import { openDb, sqliteConnections } from "@/db/connection";
import { createPaymentIdempotent } from "@/db/api";
import { decidePayment, submitPayment } from "@/db/payments";

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

async function main(file: string, n: number) {
  const db = openDb(`file:${file}`);
  const { reader, writer } = sqliteConnections(db);
  writer.pragma("wal_autocheckpoint = 0");
  const pageSize = writer.pragma("page_size", { simple: true }) as number;
  const walPages = () => Math.max(0, (fs.statSync(`${file}-wal`).size - WAL_HEADER) / (pageSize + FRAME_HEADER));
  const key = reader.prepare("SELECT id FROM api_keys LIMIT 1").get() as { id: number };
  const agent = reader.prepare("SELECT id FROM users WHERE role = 'agent' LIMIT 1").get() as { id: number };
  const open = reader.prepare("SELECT id FROM payments WHERE status = 'open' AND method_id IS NOT NULL AND expires_at > ? ORDER BY random() LIMIT ?").all(Date.now() + 3_600_000, n) as { id: number }[];
  const submitted = reader.prepare("SELECT id FROM payments WHERE status = 'submitted' ORDER BY random() LIMIT ?").all(n) as { id: number }[];
  writer.exec("CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT NOT NULL, created_at INTEGER NOT NULL)");
  const insert = writer.prepare("INSERT INTO bench_rows (note, created_at) VALUES ('bench', ?)");
  const run = Date.now();

  async function measure(name: string, count: number, fn: (i: number) => Promise<unknown>) {
    writer.pragma("wal_checkpoint(TRUNCATE)");
    const t = performance.now();
    for (let i = 0; i < count; i++) await fn(i);
    const us = ((performance.now() - t) / count) * 1000;
    console.log(`${name.padEnd(12)} ${(walPages() / count).toFixed(1).padStart(5)} pages  ${us.toFixed(0).padStart(5)} µs  (${count})`);
  }
  await measure("insert", n, async () => {
    writer.exec("BEGIN IMMEDIATE");
    insert.run(Date.now());
    writer.exec("COMMIT");
  });
  await measure("API create", n, (i) =>
    createPaymentIdempotent(db, {
      apiKeyId: key.id,
      idempotencyKey: `wal-${run}-${i}`,
      requestHash: "wal-pages",
      payment: {
        amount: 1999,
        currency: "EUR",
        description: "Leather wallet",
        orderId: `W-${run}-${i}`,
        customerEmail: `buyer${i % 5000}@example.com`,
        customerName: null,
        returnUrl: null,
        expiresAt: Date.now() + 86_400_000,
        metadata: null,
        notifyCustomer: false,
        createdByApiKeyId: key.id,
        actor: { type: "api_key", id: String(key.id) },
      },
      render: (p) => ({ status: 201, body: JSON.stringify(p) }),
    }),
  );
  await measure("Confirm", open.length, (i) => submitPayment(db, { paymentId: open[i].id, transactionId: "T1", receipt: null }));
  await measure("Approve", submitted.length, (i) => decidePayment(db, { paymentId: submitted[i].id, decision: "approve", userId: agent.id, actor: { type: "user", id: String(agent.id) } }));
  writer.pragma("wal_checkpoint(TRUNCATE)");
}

const [file, n] = process.argv.slice(2);
if (!file) throw new Error("usage: npx tsx bench/wal-pages.ts COPY-OF-A-BENCH-DB [N]");
main(file, Number(n) || 300).catch((err) => {
  console.error(err);
  process.exit(1);
});
