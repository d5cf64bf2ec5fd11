import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./connection";
import { createMethod, deleteUnusedMethod, listMethods, moveMethod, setMethodArchived } from "./methods";
import { chooseMethod, createPayment, paymentById } from "./payments";
import { methodsForPayment } from "./methods";
import { createUser, updateUserAccess } from "./users";

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-methods-"));
  db = openDb(`file:${path.join(dir, "app.db")}`);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const method = (name: string, extra: Partial<Parameters<typeof createMethod>[1]> = {}) =>
  createMethod(db, { name, kind: "bank_transfer", enabled: true, currencies: ["EUR"], minAmount: null, maxAmount: null, details: [], instructions: "", requiresTransactionId: false, receipt: "optional", hoursOpen: null, qrStandard: null, qrFields: {}, ...extra });
const payment = (hoursFromNow = 72) =>
  createPayment(db, { amount: 1000, currency: "EUR", description: "x", expiresAt: Date.now() + hoursFromNow * 3600_000, actor: { type: "system", id: null } });

describe("payment methods", () => {
  it("appends new methods at the end and moves them up and down", () => {
    const a = method("A");
    const b = method("B");
    const c = method("C");
    expect(listMethods(db).map((m) => m.name)).toEqual(["A", "B", "C"]);
    expect(moveMethod(db, c.id, "up")).toBe(true);
    expect(listMethods(db).map((m) => m.name)).toEqual(["A", "C", "B"]);
    expect(moveMethod(db, a.id, "up")).toBe(false);
    expect(moveMethod(db, b.id, "down")).toBe(false);
    expect(methodsForPayment(db, payment()).map((m) => m.name)).toEqual(["A", "C", "B"]);
  });

  it("deletes only methods no payment has chosen; archived ones are hidden and disabled", () => {
    const used = method("Used");
    const unused = method("Unused");
    const p = payment();
    expect(chooseMethod(db, p.id, used.id)).toEqual({ ok: true });
    expect(deleteUnusedMethod(db, used.id)).toBe("in_use");
    expect(deleteUnusedMethod(db, unused.id)).toBe("deleted");
    expect(setMethodArchived(db, used.id, true)).toBe(true);
    expect(methodsForPayment(db, payment())).toEqual([]);
    expect(paymentById(db, p.id)!.methodSnapshot!.name).toBe("Used");
    expect(setMethodArchived(db, used.id, false)).toBe(true);
    expect(listMethods(db).find((m) => m.id === used.id)!.enabled).toBe(false);
  });

  it("a method's hours to pay shorten the payment's expiry, never lengthen it, and switching back restores the link's", () => {
    const quick = method("Crypto", { hoursOpen: 1 });
    const slow = method("Cash", { hoursOpen: 500 });
    const plain = method("Bank");
    const p = payment(72);
    const link = p.expiresAt;
    const before = Date.now();
    chooseMethod(db, p.id, quick.id);
    const after = Date.now();
    const short = paymentById(db, p.id)!.expiresAt;
    expect(short).toBeGreaterThanOrEqual(before + 3600_000);
    expect(short).toBeLessThanOrEqual(after + 3600_000);
    chooseMethod(db, p.id, slow.id);
    expect(paymentById(db, p.id)!.expiresAt).toBe(link);
    chooseMethod(db, p.id, plain.id);
    expect(paymentById(db, p.id)!.expiresAt).toBe(link);
  });
});

describe("staff access", () => {
  it("never leaves the installation without an active admin", async () => {
    const a = await createUser(db, { email: "a@example.com", password: "password-123", role: "admin" });
    const b = await createUser(db, { email: "b@example.com", password: "password-123", role: "agent" });
    if (!a.ok || !b.ok) throw new Error("setup");
    expect(updateUserAccess(db, a.user.id, { role: "agent" })).toBe("last_admin");
    expect(updateUserAccess(db, a.user.id, { active: false })).toBe("last_admin");
    expect(updateUserAccess(db, b.user.id, { role: "admin" })).toBe("ok");
    expect(updateUserAccess(db, a.user.id, { role: "agent" })).toBe("ok");
    // b is now the only admin; disabling b is refused, a disabled admin does not count.
    expect(updateUserAccess(db, b.user.id, { active: false })).toBe("last_admin");
    expect(updateUserAccess(db, 9999, { active: false })).toBe("not_found");
  });
});
