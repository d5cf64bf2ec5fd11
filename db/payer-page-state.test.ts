// The key the payer's page is cached under must change with everything the page shows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db, write } from "./connection";
import { createMethod, deleteUnusedMethod, moveMethod, setMethodEnabled } from "./methods";
import { chooseMethod, createPayment, decidePayment, expireDuePayments, payerPageState, paymentById, submitPayment } from "./payments";
import { payments } from "./tables";
import { getBusinessProfile, saveBusinessProfile } from "./users";
import { payerPageKey } from "@/lib/payer-page-cache";
import { eq } from "drizzle-orm";
import { openTestDb, testSql, type TestDb } from "./test-db";

let testDb: TestDb;
let db: Db;
beforeEach(async () => {
  testDb = await openTestDb("payer_page_state");
  db = testDb.db;
});
afterEach(async () => {
  await testDb.close();
});

const method = async (name: string) =>
  await createMethod(db, { name, kind: "bank_transfer", enabled: true, currencies: ["EUR"], minAmount: null, maxAmount: null, details: [], instructions: "", requiresTransactionId: false, receipt: "off", hoursOpen: null, qrStandard: null, qrFields: {} });
const newPayment = async (expiresAt = Date.now() + 3600_000) =>
  await createPayment(db, { amount: 1000, currency: "EUR", description: "Tea", expiresAt, actor: { type: "system", id: null } });
const keyOf = async (token: string, now?: number) => payerPageKey((await payerPageState(db, token))!, now);

describe("payerPageState", () => {
  it("is undefined for an unknown token", async () => {
    expect(await payerPageState(db, "A".repeat(22))).toBeUndefined();
  });

  it("gets a new key at every step of the payment", async () => {
    const m = await method("SEPA");
    const p = await newPayment();
    const seen = [await keyOf(p.token)];
    expect((await chooseMethod(db, p.id, m.id)).ok).toBe(true);
    seen.push(await keyOf(p.token));
    expect((await chooseMethod(db, p.id, null)).ok).toBe(true);
    seen.push(await keyOf(p.token));
    expect((await chooseMethod(db, p.id, m.id)).ok).toBe(true);
    seen.push(await keyOf(p.token));
    expect((await submitPayment(db, { paymentId: p.id, transactionId: "T1", receipt: null })).ok).toBe(true);
    seen.push(await keyOf(p.token));
    expect((await decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: "1" } })).ok).toBe(true);
    seen.push(await keyOf(p.token));
    expect(new Set(seen).size).toBe(seen.length);
    expect(await payerPageState(db, p.token)).toMatchObject({ status: "approved" });
  });

  it("gets a new key when a payment method or the business profile changes", async () => {
    const a = await method("A");
    const b = await method("B");
    const p = await newPayment();
    const seen = [await keyOf(p.token)];
    const step = async (change: () => Promise<unknown>) => {
      await change();
      seen.push(await keyOf(p.token));
    };
    await step(() => setMethodEnabled(db, a.id, false));
    await step(() => moveMethod(db, b.id, "up"));
    await step(() => method("C"));
    await step(() => deleteUnusedMethod(db, a.id));
    await step(async () => saveBusinessProfile(db, { ...(await getBusinessProfile(db)), name: "Renamed shop" }));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("gets a new key even from an update that forgets the payment's version", async () => {
    const p = await newPayment();
    const before = await keyOf(p.token);
    await write(db, (w) => w.update(payments).set({ description: "Green tea" }).where(eq(payments.id, p.id)));
    expect(await keyOf(p.token)).not.toBe(before);
    expect((await paymentById(db, p.id))!.version).toBe(p.version + 1);
  });

  it("gets a path of its own once an open payment is due, and a new one when the expiry job expires it", async () => {
    // Explicit clocks: the payment is open at `now` and due at `later`, however long the machine takes in between.
    const now = Date.now();
    const p = await newPayment(now + 60_000);
    const open = await keyOf(p.token, now);
    const later = now + 120_000;
    const due = await keyOf(p.token, later);
    expect(due).not.toBe(open);
    await expireDuePayments(db, later);
    expect(await payerPageState(db, p.token)).toMatchObject({ status: "expired" });
    expect(new Set([open, due, await keyOf(p.token, later)]).size).toBe(3);
  });
});
