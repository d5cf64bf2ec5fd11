// The jobs runner (each job on its own timer, kicks, failures logged and survived) and the expiry job's work: an
// overdue payment becomes expired with its event row and its outbox row, once, however often the job runs.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDb, type Db, closeDb } from "@/db/connection";
import { createPayment, expireDuePayments, payerPageState, paymentById } from "@/db/payments";
import { paymentEvents, webhookDeliveries, webhookEvents } from "@/db/tables";
import { createEndpoint, enqueueTestEvent } from "@/db/webhooks";
import { payerPageKey } from "@/lib/payer-page-cache";
import { createJobRunner, type Job } from "./jobs";
import { createDeliveryWork } from "./webhook-delivery";

describe("createJobRunner", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs each job at start and then on its own interval, and survives a job that throws", async () => {
    const runs: string[] = [];
    const jobs: Job[] = [
      { name: "fast", everyMs: 100, run: () => (runs.push("fast"), 1) },
      { name: "slow", everyMs: 1_000, run: () => (runs.push("slow"), 0) },
      { name: "broken", everyMs: 100, run: () => {
        runs.push("broken");
        throw new Error("boom");
      } },
    ];
    const runner = createJobRunner(jobs);
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.sort()).toEqual(["broken", "fast", "slow"]);
    runs.length = 0;
    await vi.advanceTimersByTimeAsync(350);
    expect(runs.filter((r) => r === "fast")).toHaveLength(3);
    expect(runs.filter((r) => r === "broken")).toHaveLength(3);
    expect(runs.filter((r) => r === "slow")).toHaveLength(0);
    runner.stop();
    runs.length = 0;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual([]);
  });

  it("a kick runs the job now, and a kick during a run runs it again right after", async () => {
    let release: () => void = () => {};
    let runs = 0;
    const runner = createJobRunner([
      {
        name: "send",
        everyMs: 60_000,
        run: () => {
          runs++;
          return new Promise<number>((resolve) => (release = () => resolve(1)));
        },
      },
    ]);
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    runner.kick("send");
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    runner.kick("send");
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(3);
    runner.stop();
  });

  it("stop() waits for the run in progress, and then no job runs again, kicked or due", async () => {
    let release: () => void = () => {};
    let runs = 0;
    const runner = createJobRunner([
      { name: "send", everyMs: 100, run: () => (runs++, new Promise<number>((resolve) => (release = () => resolve(1)))) },
    ]);
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    runner.kick("send");
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    runner.kick("send");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(1);
  });
});

describe("the deliveries at shutdown", () => {
  let dir: string;
  let db: Db;
  let server: http.Server;
  const held: http.ServerResponse[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-drain-"));
    db = openDb(`file:${path.join(dir, "app.db")}`);
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    // "/slow" never answers; "/quick" answers after 100 ms.
    server = http.createServer((req, res) => {
      req.resume();
      if (req.url === "/slow") held.push(res);
      else setTimeout(() => res.writeHead(200).end("ok"), 100);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterEach(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    held.length = 0;
    closeDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lets a quick delivery finish and releases the claim of one still waiting at the deadline; claims nothing more", async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const quick = await createEndpoint(db, { url: `${base}/quick`, events: ["payment.approved"] });
    const slow = await createEndpoint(db, { url: `${base}/slow`, events: ["payment.approved"] });
    await enqueueTestEvent(db, quick.id);
    await enqueueTestEvent(db, slow.id);
    const work = createDeliveryWork({ db: () => db, onSlotFree: () => {} });
    expect(await work.run()).toBe(2);
    const leases = await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.endpointId);
    expect(leases.every((d) => d.lockedUntil !== null)).toBe(true);

    const begun = Date.now();
    expect(await work.drain(1_000)).toBe(1);
    expect(Date.now() - begun).toBeLessThan(2_000);
    const after = await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.endpointId);
    expect(after.map((d) => [d.endpointId, d.status, d.attempts, d.lockedUntil])).toEqual([
      [quick.id, "delivered", 1, null],
      [slow.id, "pending", 0, null],
    ]);
    // Stopped: due work is left for another instance.
    await enqueueTestEvent(db, quick.id);
    expect(await work.run()).toBe(0);
  });
});

describe("the expiry job", () => {
  let dir: string;
  let db: Db;
  const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-jobs-"));
    db = openDb(`file:${path.join(dir, "app.db")}`);
  });
  afterEach(async () => {
    closeDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const newPayment = async (expiresAt: number) =>
    await createPayment(db, { amount: 500, currency: "EUR", description: "Job", expiresAt, actor: { type: "user", id: "1" }, now: T0 });

  it("expires each overdue payment once, with its event row and its outbox row, and leaves the rest", async () => {
    const endpoint = await createEndpoint(db, { url: "https://shop.example/hooks", events: ["payment.expired"] }, T0);
    const due = [await newPayment(T0 + 1_000), await newPayment(T0 + 2_000)];
    const notYet = await newPayment(T0 + 60_000);
    const now = T0 + 5_000;
    expect(await expireDuePayments(db, now)).toBe(2);
    expect(await expireDuePayments(db, now)).toBe(0);
    for (const p of due) {
      expect(await paymentById(db, p.id)).toMatchObject({ status: "expired", version: p.version + 1, updatedAt: now });
      const log = (await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, p.id)));
      expect(log.map((e) => [e.fromStatus, e.toStatus, e.actorType])).toEqual([
        [null, "open", "user"],
        ["open", "expired", "system"],
      ]);
      const outbox = (await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, p.id)));
      expect(outbox).toHaveLength(1);
      expect(JSON.parse(outbox[0].payload)).toMatchObject({ type: "payment.expired", data: { id: p.id, status: "expired" } });
      expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, outbox[0].id)))).toMatchObject([{ endpointId: endpoint.id, status: "pending" }]);
    }
    expect(await paymentById(db, notYet.id)).toEqual(notYet);
  });

  it("gives the payer's page a new key when it writes the expiry (the '-due' page already showed it expired)", async () => {
    const p = await newPayment(T0 + 1_000);
    const before = payerPageKey((await payerPageState(db, p.token))!, T0);
    const due = payerPageKey((await payerPageState(db, p.token))!, T0 + 2_000);
    expect(due).toBe(`${before}-due`);
    await expireDuePayments(db, T0 + 2_000);
    const after = payerPageKey((await payerPageState(db, p.token))!, T0 + 2_000);
    expect(new Set([before, due, after]).size).toBe(3);
  });
});
