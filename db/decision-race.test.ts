// Races between separate OS processes on one real SQLite file: two agents pressing Approve/Cancel at the same moment,
// a customer pressing "I have paid" several times, and the shop's backend cancelling while the customer submits.
// Whatever the interleaving, exactly one change may win and the event log may record it exactly once.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, write } from "./connection";
import { openTestDb, type TestDb } from "./test-db";
import { chooseMethod, createPayment, paymentById, submitPayment } from "./payments";
import { paymentEvents, paymentMethods, payments, users, webhookEvents, type Payment } from "./tables";
import { createEndpoint } from "./webhooks";
import { createApiKey } from "./api";
import { API_SCOPES } from "@/lib/api/scopes";
import type { WorkerReport } from "./test-race-worker";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORKER = path.join(ROOT, "db", "test-race-worker.ts");
const PROCESSES = 6;

type Op =
  | { kind: "decide"; paymentId: number; decision: "approve" | "cancel"; reason?: string | null; userId: number }
  | { kind: "submit"; paymentId: number; transactionId: string }
  | { kind: "apiCancel"; paymentId: number; reason?: string | null }
  | { kind: "idempotentCreate"; apiKeyId: number; idempotencyKey: string; body: string }
  | { kind: "expire" };

let testDb: TestDb;
let url: string;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("race");
  url = testDb.url;
  db = testDb.db;
});

afterEach(async () => {
  await testDb.close();
});

/** Starts one worker per op, waits until every one has opened the database, then releases them all at one instant. */
async function race(ops: Op[]): Promise<WorkerReport[]> {
  const workers = ops.map((op) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, url, JSON.stringify(op)], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let markReady: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      if (out.startsWith("ready\n")) markReady();
    });
    child.stderr.on("data", (chunk: string) => (err += chunk));
    const done = new Promise<WorkerReport>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (!line) return reject(new Error(`worker exited with ${code} without a report; stderr:\n${err}`));
        resolve(JSON.parse(line) as WorkerReport);
      });
    });
    // A worker that dies before "ready" must fail the test rather than hang it.
    const readyOrDead = Promise.race([ready, done.then(() => undefined)]);
    return { child, readyOrDead, done };
  });
  await Promise.all(workers.map((w) => w.readyOrDead));
  const startAt = Date.now() + 50;
  for (const w of workers) w.child.stdin.end(`go ${startAt}\n`);
  return Promise.all(workers.map((w) => w.done));
}

async function addAgents(n: number): Promise<number[]> {
  const now = Date.now();
  const rows = await write(db, (w) =>
    w
      .insert(users)
      .values(Array.from({ length: n }, (_, i) => ({ email: `agent${i}@shop.example`, name: `Agent ${i}`, passwordHash: "x", role: "agent" as const, createdAt: now })))
      .returning(),
  );
  return rows.map((r) => r.id);
}

async function addMethod(): Promise<number> {
  const now = Date.now();
  return (await write(db, (w) => w
    .insert(paymentMethods)
    .values({ name: "Bank transfer", kind: "bank_transfer", currencies: ["EUR"], details: [{ label: "IBAN", value: "DE00 1234" }], createdAt: now, updatedAt: now })
    .returning()))[0].id;
}

async function openPaymentWithMethod(methodId: number, description: string): Promise<Payment> {
  const p = await createPayment(db, {
    amount: 4990,
    currency: "EUR",
    description,
    expiresAt: Date.now() + 3600_000,
    actor: { type: "api_key", id: "shop-backend" },
  });
  expect(await chooseMethod(db, p.id, methodId)).toEqual({ ok: true });
  return (await paymentById(db, p.id))!;
}

async function eventsOf(paymentId: number) {
  return (await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, paymentId)).orderBy(paymentEvents.id));
}

function expectSeparateProcesses(reports: WorkerReport[]) {
  for (const r of reports) expect(r.threw, `worker ${r.pid} threw`).toBeNull();
  const pids = new Set(reports.map((r) => r.pid));
  expect(pids.size).toBe(reports.length);
  expect(pids.has(process.pid)).toBe(false);
}

describe("concurrent decisions from separate processes", () => {
  it("of six agents approving and cancelling the same submitted payment at once, exactly one wins; the log records it once", { timeout: 300_000 }, async () => {
    const methodId = await addMethod();
    const agents = await addAgents(PROCESSES);
    let contendedRounds = 0;

    for (let round = 0; round < 3; round++) {
      const p = await openPaymentWithMethod(methodId, `Race round ${round}`);
      expect(await submitPayment(db, { paymentId: p.id, transactionId: `TX-${round}`, receipt: null })).toEqual({ ok: true });
      const before = (await paymentById(db, p.id))!;
      expect(before.status).toBe("submitted");

      // Half approve, half cancel; which processes do which alternates between rounds.
      const ops: Op[] = agents.map((userId, i) =>
        (i + round) % 2 === 0
          ? { kind: "decide", paymentId: p.id, decision: "approve", userId }
          : { kind: "decide", paymentId: p.id, decision: "cancel", reason: `Agent ${i}: no money arrived`, userId },
      );
      const reports = await race(ops);
      expectSeparateProcesses(reports);

      const winners = reports.map((r, i) => ({ r, op: ops[i] as Extract<Op, { kind: "decide" }> })).filter((x) => x.r.ok);
      expect(winners).toHaveLength(1);
      const { op: won } = winners[0];
      if (reports.some((r) => !r.ok && r.startedAt <= winners[0].r.finishedAt)) contendedRounds++;
      const expectedStatus = won.decision === "approve" ? "approved" : "cancelled";

      const losers = reports.filter((r) => !r.ok);
      expect(losers).toHaveLength(PROCESSES - 1);
      for (const l of losers) {
        expect(l.error).toBe("conflict");
        // The losing agent is told what actually happened, not a generic failure.
        expect(l.conflictStatus).toBe(expectedStatus);
        expect(l.message).toBe(`This payment was already ${expectedStatus}.`);
      }

      const after = (await paymentById(db, p.id))!;
      expect(after.status).toBe(expectedStatus);
      expect(after.version).toBe(before.version + 1);
      expect(after.decidedByUserId).toBe(won.userId);
      expect(after.decisionReason).toBe(won.decision === "cancel" ? won.reason : null);
      expect(after.transactionId).toBe(`TX-${round}`);

      const events = await eventsOf(p.id);
      const decisions = events.filter((e) => e.fromStatus === "submitted");
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({ toStatus: expectedStatus, actorType: "user", actorId: String(won.userId) });
      expect(events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual(["null>open", "open>submitted", `submitted>${expectedStatus}`]);
    }
    // Guard against a vacuous pass: in at least one round a loser was already calling while the winner's call ran.
    expect(contendedRounds).toBeGreaterThan(0);
  });

  it("a customer's repeated \"I have paid\" from several processes submits the payment exactly once", { timeout: 300_000 }, async () => {
    const methodId = await addMethod();
    const p = await openPaymentWithMethod(methodId, "Double click");
    const before = (await paymentById(db, p.id))!;

    const ops: Op[] = Array.from({ length: PROCESSES }, (_, i) => ({ kind: "submit", paymentId: p.id, transactionId: `PRESS-${i}` }));
    const reports = await race(ops);
    expectSeparateProcesses(reports);

    const winnerIdx = reports.findIndex((r) => r.ok);
    expect(reports.filter((r) => r.ok)).toHaveLength(1);
    for (const r of reports.filter((x) => !x.ok)) expect(r.error).toBe("not_open");

    const after = (await paymentById(db, p.id))!;
    expect(after.status).toBe("submitted");
    expect(after.version).toBe(before.version + 1);
    // The transaction id the merchant checks is the one from the press that counted, never overwritten by a later one.
    expect(after.transactionId).toBe(`PRESS-${winnerIdx}`);
    expect(after.submittedAt).not.toBeNull();

    const submitted = (await db
      .select()
      .from(paymentEvents)
      .where(and(eq(paymentEvents.paymentId, p.id), eq(paymentEvents.toStatus, "submitted"))));
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ fromStatus: "open", actorType: "customer" });
  });

  it("the shop's backend cancelling while the customer presses \"I have paid\": exactly one of them wins", { timeout: 300_000 }, async () => {
    const methodId = await addMethod();
    const p = await openPaymentWithMethod(methodId, "Cancel vs submit");

    const ops: Op[] = Array.from({ length: PROCESSES }, (_, i) =>
      i % 2 === 0 ? { kind: "submit", paymentId: p.id, transactionId: `PAID-${i}` } : { kind: "apiCancel", paymentId: p.id, reason: "Order withdrawn" },
    );
    const reports = await race(ops);
    expectSeparateProcesses(reports);

    const winners = reports.map((r, i) => ({ r, op: ops[i] })).filter((x) => x.r.ok);
    expect(winners).toHaveLength(1);
    const won = winners[0].op;
    const after = (await paymentById(db, p.id))!;
    const events = await eventsOf(p.id);
    expect(events).toHaveLength(2);

    if (won.kind === "submit") {
      // The payer's claim stands: an API key may not cancel a payment the customer says they have paid.
      expect(after.status).toBe("submitted");
      expect(after.transactionId).toBe(won.transactionId);
      expect(events[1]).toMatchObject({ fromStatus: "open", toStatus: "submitted", actorType: "customer" });
      for (const { r, op } of reports.map((r, i) => ({ r, op: ops[i] })).filter((x) => !x.r.ok)) {
        if (op.kind === "submit") expect(r.error).toBe("not_open");
        else expect(r).toMatchObject({ error: "conflict", conflictStatus: "submitted" });
      }
    } else {
      expect(after.status).toBe("cancelled");
      expect(after.transactionId).toBeNull();
      expect(events[1]).toMatchObject({ fromStatus: "open", toStatus: "cancelled", actorType: "api_key", reason: "Order withdrawn" });
      for (const { r, op } of reports.map((r, i) => ({ r, op: ops[i] })).filter((x) => !x.r.ok)) {
        if (op.kind === "submit") expect(r.error).toBe("not_open");
        else expect(r).toMatchObject({ error: "conflict", conflictStatus: "cancelled", message: "This payment was already cancelled." });
      }
    }
  });
});

describe("the expiry job in several processes at once", () => {
  it("expires each overdue payment exactly once, with one event and one outbox row", { timeout: 300_000 }, async () => {
    await createEndpoint(db, { url: "https://shop.example/hooks", events: ["payment.expired"] });
    const now = Date.now();
    const due: Payment[] = [];
    for (let i = 0; i < 20; i++) {
      due.push(await createPayment(db, { amount: 100 + i, currency: "EUR", description: `Due ${i}`, expiresAt: now - 1000, actor: { type: "api_key", id: "shop-backend" } }));
    }
    const reports = await race(Array.from({ length: 3 }, () => ({ kind: "expire" }) as const));
    expectSeparateProcesses(reports);
    expect(reports.reduce((n, r) => n + Number(r.message), 0)).toBe(due.length);
    for (const p of due) {
      expect((await paymentById(db, p.id))!.status).toBe("expired");
      expect((await eventsOf(p.id)).filter((e) => e.toStatus === "expired")).toHaveLength(1);
      expect((await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, p.id)))).toHaveLength(1);
    }
  });
});

describe("the same Idempotency-Key from many processes at once", () => {
  it("creates exactly one payment and every process answers with its bytes", { timeout: 300_000 }, async () => {
    const { row } = await createApiKey(db, "Shop", (await addAgents(1))[0], API_SCOPES);
    const body = JSON.stringify({ amount: "10.00", currency: "EUR" });
    const ops: Op[] = Array.from({ length: 6 }, () => ({ kind: "idempotentCreate", apiKeyId: row.id, idempotencyKey: "order-77", body }));
    const reports = await race(ops);
    expectSeparateProcesses(reports);
    expect(reports.filter((r) => r.error === "created")).toHaveLength(1);
    expect(reports.filter((r) => r.error === "replay")).toHaveLength(5);
    expect(new Set(reports.map((r) => r.response)).size).toBe(1);
    expect((await db.select().from(payments).where(eq(payments.description, "race")))).toHaveLength(1);
  });
});

