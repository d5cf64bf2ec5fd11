// The demo seed: payments in every state on the first run, nothing added twice on later runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db } from "./connection";
import { chooseMethod, expireDuePayments, paymentByToken, submitPayment } from "./payments";
import { eventsOfPayment } from "./payment-lists";
import { PAYMENT_STATUSES } from "@/lib/payment-status";
import { paymentEvents, paymentMethods, payments, users } from "./tables";
import { DEMO_IBAN, DEMO_METHODS, DEMO_USERS, seed } from "./seed";
import { listBankAccounts } from "./bank/accounts";
import { previewStatement, readStatementFile } from "./bank/import";
import { stateOf } from "./bank/plan";
import { localizeMethod, translatableLabels } from "@/lib/method-translations";
import { localizeQrLabels, payerDetails } from "@/lib/payer-details";
import { userByEmail, verifyPassword } from "./users";
import { openTestDb, testSql, type TestDb } from "./test-db";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("seed");
  db = testDb.db;
});

afterEach(async () => {
  await testDb.close();
});

async function counts() {
  const n = async (t: typeof users | typeof paymentMethods | typeof payments | typeof paymentEvents) =>
    (await db.select({ n: sql<number>`count(*)` }).from(t))[0]!.n;
  return { users: await n(users), methods: await n(paymentMethods), payments: await n(payments), events: await n(paymentEvents) };
}

async function statusCounts() {
  const rows = (await db.select({ status: payments.status, n: sql<number>`count(*)` }).from(payments).groupBy(payments.status));
  return Object.fromEntries(PAYMENT_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0]));
}

describe("seed", { timeout: 300_000 }, () => {
  it("gives every demo method its Russian name, detail labels and instructions, with the English placeholders", () => {
    const placeholders = (md: string) => [...md.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const m of DEMO_METHODS) {
      const ru = m.translations?.ru;
      expect(ru?.name, m.name).toMatch(/\S/);
      expect(ru?.instructions, m.name).toMatch(/[а-яё]/i);
      expect(placeholders(ru!.instructions!), m.name).toEqual(placeholders(m.instructions!));
      expect(Object.keys(ru?.labels ?? {}).sort(), m.name).toEqual(translatableLabels(m.details!).sort());
      // What a Russian payer sees of the chosen method: no English label left, the QR fields' included.
      const snapshot = { name: m.name, instructions: m.instructions!, details: payerDetails({ ...m, details: m.details! }), translations: m.translations, qrStandard: m.qrStandard, qrFields: m.qrFields };
      const shown = localizeQrLabels(localizeMethod(snapshot, "ru"), "ru");
      for (const d of shown) expect(d.label, `${m.name}: ${d.label}`).toMatch(/[а-яё]|^(IBAN|BIC)$/i);
    }
  });

  it("creates demo users who can sign in, methods, and payments in every status", async () => {
    const { openToken } = await seed(db, { quiet: true });

    for (const u of DEMO_USERS) {
      const row = (await userByEmail(db, u.email))!;
      expect(row).toMatchObject({ role: u.role, name: u.name, active: true });
      expect(await verifyPassword(u.password, row.passwordHash)).toBe(true);
    }
    expect((await counts()).methods).toBeGreaterThanOrEqual(3);

    // The demo shows every state at once, the expired one included; nothing is left overdue for a sweep.
    expect(await expireDuePayments(db)).toBe(0);
    const after = await statusCounts();
    for (const s of PAYMENT_STATUSES) expect(after[s], s).toBeGreaterThan(0);

    // Every payment has a history that starts with its opening.
    for (const p of (await db.select().from(payments))) {
      const log = await eventsOfPayment(db, p.id);
      expect(log[0]).toMatchObject({ fromStatus: null, toStatus: "open" });
      expect(log[log.length - 1].toStatus).toBe(p.status);
    }

    const open = (await paymentByToken(db, openToken))!;
    expect(open.status).toBe("open");
    expect(open.expiresAt).toBeGreaterThan(Date.now());
  });

  it("adds the bank account the SEPA transfers arrive in, once, and a statement of it that shows every kind of line", async () => {
    const { openToken, statement } = await seed(db, { quiet: true });
    await seed(db, { quiet: true });
    const accounts = await listBankAccounts(db);
    const sepa = (await db.select().from(paymentMethods).where(eq(paymentMethods.name, "SEPA bank transfer")))[0]!;
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ currency: "EUR", accountNumber: DEMO_IBAN, methodIds: [sepa.id], autoApprove: false, feeTolerance: 0 });

    // What the import's preview would do with it: nothing is written.
    const read = await readStatementFile(db, accounts[0].id, new TextEncoder().encode(statement));
    if (!read.ok) throw new Error(read.message);
    const preview = await previewStatement(db, read);
    const open = (await paymentByToken(db, openToken))!;
    const marta = (await db.select().from(payments).where(eq(payments.customerEmail, "marta@example.com")))[0]!;
    const lines = preview.plan.lines.map((l) => ({ amount: l.line.amountMinor, state: stateOf(l.decision!), paymentId: l.decision && "paymentId" in l.decision ? l.decision.paymentId : null }));
    expect(lines).toEqual([
      { amount: marta.amount, state: "matched", paymentId: marta.id },
      { amount: open.amount - 500, state: "underpaid", paymentId: open.id },
      { amount: 12000, state: "suggested", paymentId: null },
      { amount: 7500, state: "unmatched", paymentId: null },
      { amount: 250, state: "outgoing", paymentId: null },
    ]);
    expect(preview.duplicateFile).toBe(false);
    expect(await statusCounts()).toMatchObject({ submitted: 2 });
  });

  it("run twice adds nothing the second time and hands out the same open link", async () => {
    const first = await seed(db, { quiet: true });
    const c1 = await counts();
    const s1 = await statusCounts();
    const second = await seed(db, { quiet: true });
    expect(await counts()).toEqual(c1);
    expect(await statusCounts()).toEqual(s1);
    expect(second.openToken).toBe(first.openToken);
    expect((await paymentByToken(db, second.openToken))!.status).toBe("open");
  });

  it("makes a new open link when the demo's one has been used up", async () => {
    const first = await seed(db, { quiet: true });
    const used = (await paymentByToken(db, first.openToken))!;
    const sepa = (await db.select().from(paymentMethods).where(eq(paymentMethods.name, "SEPA bank transfer")))[0]!;
    expect(await chooseMethod(db, used.id, sepa.id)).toEqual({ ok: true });
    expect(await submitPayment(db, { paymentId: used.id, transactionId: null, receipt: null })).toEqual({ ok: true });
    const c1 = await counts();

    const again = await seed(db, { quiet: true });
    expect(again.openToken).not.toBe(first.openToken);
    expect(await paymentByToken(db, again.openToken)).toMatchObject({ status: "open", currency: "EUR" });
    expect(await counts()).toMatchObject({ users: c1.users, methods: c1.methods, payments: c1.payments + 1 });
  });

  // Seeding once read DATABASE_URL for its log line and failed after writing everything when it was not a file URL.
  it("seeding the database it is given does not depend on DATABASE_URL", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://db.example/shop";
    try {
      const { openToken } = await seed(db, { quiet: true });
      expect((await paymentByToken(db, openToken))!.status).toBe("open");
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
