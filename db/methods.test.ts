import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db } from "./connection";
import { createMethod, deleteUnusedMethod, listMethods, moveMethod, setMethodArchived } from "./methods";
import { chooseMethod, createPayment, paymentById } from "./payments";
import { methodsForPayment } from "./methods";
import { createUser, updateUserAccess } from "./users";
import { openTestDb, testSql, type TestDb } from "./test-db";

let testDb: TestDb;
let db: Db;
beforeEach(async () => {
  testDb = await openTestDb("methods");
  db = testDb.db;
});
afterEach(async () => {
  await testDb.close();
});

const method = async (name: string, extra: Partial<Parameters<typeof createMethod>[1]> = {}) =>
  await createMethod(db, { name, kind: "bank_transfer", enabled: true, currencies: ["EUR"], minAmount: null, maxAmount: null, details: [], instructions: "", requiresTransactionId: false, receipt: "optional", hoursOpen: null, qrStandard: null, qrFields: {}, ...extra });
const payment = async (hoursFromNow = 72) =>
  await createPayment(db, { amount: 1000, currency: "EUR", description: "x", expiresAt: Date.now() + hoursFromNow * 3600_000, actor: { type: "system", id: null } });

describe("payment methods", () => {
  it("appends new methods at the end and moves them up and down", async () => {
    const a = await method("A");
    const b = await method("B");
    const c = await method("C");
    expect((await listMethods(db)).map((m) => m.name)).toEqual(["A", "B", "C"]);
    expect(await moveMethod(db, c.id, "up")).toBe(true);
    expect((await listMethods(db)).map((m) => m.name)).toEqual(["A", "C", "B"]);
    expect(await moveMethod(db, a.id, "up")).toBe(false);
    expect(await moveMethod(db, b.id, "down")).toBe(false);
    expect((await methodsForPayment(db, await payment())).map((m) => m.name)).toEqual(["A", "C", "B"]);
  });

  it("deletes only methods no payment has chosen; archived ones are hidden and disabled", async () => {
    const used = await method("Used");
    const unused = await method("Unused");
    const p = await payment();
    expect(await chooseMethod(db, p.id, used.id)).toEqual({ ok: true });
    expect(await deleteUnusedMethod(db, used.id)).toBe("in_use");
    expect(await deleteUnusedMethod(db, unused.id)).toBe("deleted");
    expect(await setMethodArchived(db, used.id, true)).toBe(true);
    expect(await methodsForPayment(db, await payment())).toEqual([]);
    expect((await paymentById(db, p.id))!.methodSnapshot!.name).toBe("Used");
    expect(await setMethodArchived(db, used.id, false)).toBe(true);
    expect((await listMethods(db)).find((m) => m.id === used.id)!.enabled).toBe(false);
  });

  it("a method's hours to pay shorten the payment's expiry, never lengthen it, and switching back restores the link's", async () => {
    const quick = await method("Crypto", { hoursOpen: 1 });
    const slow = await method("Cash", { hoursOpen: 500 });
    const plain = await method("Bank");
    const p = await payment(72);
    const link = p.expiresAt;
    const before = Date.now();
    await chooseMethod(db, p.id, quick.id);
    const after = Date.now();
    const short = (await paymentById(db, p.id))!.expiresAt;
    expect(short).toBeGreaterThanOrEqual(before + 3600_000);
    expect(short).toBeLessThanOrEqual(after + 3600_000);
    await chooseMethod(db, p.id, slow.id);
    expect((await paymentById(db, p.id))!.expiresAt).toBe(link);
    await chooseMethod(db, p.id, plain.id);
    expect((await paymentById(db, p.id))!.expiresAt).toBe(link);
  });
});

describe("staff access", () => {
  it("never leaves the installation without an active admin", async () => {
    const a = await createUser(db, { email: "a@example.com", password: "password-123", role: "admin" });
    const b = await createUser(db, { email: "b@example.com", password: "password-123", role: "agent" });
    if (!a.ok || !b.ok) throw new Error("setup");
    expect(await updateUserAccess(db, a.user.id, { role: "agent" })).toBe("last_admin");
    expect(await updateUserAccess(db, a.user.id, { active: false })).toBe("last_admin");
    expect(await updateUserAccess(db, b.user.id, { role: "admin" })).toBe("ok");
    expect(await updateUserAccess(db, a.user.id, { role: "agent" })).toBe("ok");
    // b is now the only admin; disabling b is refused, a disabled admin does not count.
    expect(await updateUserAccess(db, b.user.id, { active: false })).toBe("last_admin");
    expect(await updateUserAccess(db, 9999, { active: false })).toBe("not_found");
  });
});
