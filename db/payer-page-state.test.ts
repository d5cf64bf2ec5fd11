// The key the payer's page is cached under must change with everything the page shows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./connection";
import { createMethod, deleteUnusedMethod, moveMethod, setMethodEnabled } from "./methods";
import { chooseMethod, createPayment, decidePayment, expireDuePayments, payerPageState, paymentById, submitPayment } from "./payments";
import { payments } from "./schema";
import { getBusinessProfile, saveBusinessProfile } from "./users";
import { payerPageKey } from "@/lib/payer-page-cache";
import { eq } from "drizzle-orm";

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-page-state-"));
  db = openDb(`file:${path.join(dir, "app.db")}`);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const method = (name: string) =>
  createMethod(db, { name, kind: "bank_transfer", enabled: true, currencies: ["EUR"], minAmount: null, maxAmount: null, details: [], instructions: "", requiresTransactionId: false, receipt: "off", hoursOpen: null, qrStandard: null, qrFields: {} });
const newPayment = (expiresAt = Date.now() + 3600_000) =>
  createPayment(db, { amount: 1000, currency: "EUR", description: "Tea", expiresAt, actor: { type: "system", id: null } });
const keyOf = (token: string, now?: number) => payerPageKey(payerPageState(db, token)!, now);

describe("payerPageState", () => {
  it("is undefined for an unknown token", () => {
    expect(payerPageState(db, "A".repeat(22))).toBeUndefined();
  });

  it("gets a new key at every step of the payment", () => {
    const m = method("SEPA");
    const p = newPayment();
    const seen = [keyOf(p.token)];
    expect(chooseMethod(db, p.id, m.id).ok).toBe(true);
    seen.push(keyOf(p.token));
    expect(chooseMethod(db, p.id, null).ok).toBe(true);
    seen.push(keyOf(p.token));
    expect(chooseMethod(db, p.id, m.id).ok).toBe(true);
    seen.push(keyOf(p.token));
    expect(submitPayment(db, { paymentId: p.id, transactionId: "T1", receipt: null }).ok).toBe(true);
    seen.push(keyOf(p.token));
    expect(decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: "1" } }).ok).toBe(true);
    seen.push(keyOf(p.token));
    expect(new Set(seen).size).toBe(seen.length);
    expect(payerPageState(db, p.token)).toMatchObject({ status: "approved" });
  });

  it("gets a new key when a payment method or the business profile changes", () => {
    const a = method("A");
    const b = method("B");
    const p = newPayment();
    const seen = [keyOf(p.token)];
    const step = (change: () => unknown) => {
      change();
      seen.push(keyOf(p.token));
    };
    step(() => setMethodEnabled(db, a.id, false));
    step(() => moveMethod(db, b.id, "up"));
    step(() => method("C"));
    step(() => deleteUnusedMethod(db, a.id));
    step(() => saveBusinessProfile(db, { ...getBusinessProfile(db), name: "Renamed shop" }));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("gets a new key even from an update that forgets the payment's version", () => {
    const p = newPayment();
    const before = keyOf(p.token);
    db.update(payments).set({ description: "Green tea" }).where(eq(payments.id, p.id)).run();
    expect(keyOf(p.token)).not.toBe(before);
    expect(paymentById(db, p.id)!.version).toBe(p.version + 1);
  });

  it("gets a path of its own once an open payment is due, and a new one when the expiry job expires it", () => {
    // Explicit clocks: the payment is open at `now` and due at `later`, however long the machine takes in between.
    const now = Date.now();
    const p = newPayment(now + 60_000);
    const open = keyOf(p.token, now);
    const later = now + 120_000;
    const due = keyOf(p.token, later);
    expect(due).not.toBe(open);
    expireDuePayments(db, later);
    expect(payerPageState(db, p.token)).toMatchObject({ status: "expired" });
    expect(new Set([open, due, keyOf(p.token, later)]).size).toBe(3);
  });
});
