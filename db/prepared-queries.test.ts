// The hot paths run drizzle prepared queries (built once per connection) instead of the query builder. They must read
// and write exactly what the builder did: the same mapped rows (JSON, booleans, nulls), the same stored values, the
// same webhook payloads, and every statement inside the caller's transaction.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, writeTransaction, type Db } from "./connection";
import { preparedPerConnection } from "./statement-cache";
import { apiKeyBySecret, createApiKey, createPaymentIdempotent, requestHash } from "./api";
import { API_SCOPES } from "@/lib/api/scopes";
import { createMethod } from "./methods";
import { chooseMethod, createPayment, decidePayment, insertPayment, paymentById, paymentByToken, submitPayment, type CreatePaymentInput } from "./payments";
import { apiKeys, idempotencyKeys, paymentEvents, payments, users, webhookDeliveries, webhookEvents } from "./schema";
import { createEndpoint, enqueuePaymentEvent } from "./webhooks";
import { getBusinessProfile, saveBusinessProfile, userById } from "./users";
import { toApiPayment } from "@/lib/api/payment";
import { publicOrigin } from "@/lib/public-origin";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-prepared-"));
  db = openDb(`file:${path.join(dir, "app.db")}`);
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const METADATA = { cart: { items: [{ sku: "A-1", qty: 2 }], note: "gift wrap" }, vip: true, score: 1.5, tags: [], nothing: null };

function input(over: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  return {
    amount: 12345,
    currency: "EUR",
    description: "Prepared",
    orderId: "o-1",
    customerName: "Marta Rossi",
    customerEmail: "Marta@Example.COM",
    returnUrl: "https://shop.example/back",
    expiresAt: Date.now() + 3600_000,
    metadata: METADATA,
    actor: { type: "api_key", id: "7" },
    ...over,
  };
}

function addUser(): number {
  return db.insert(users).values({ email: "admin@shop.example", name: "Admin", passwordHash: "x", role: "admin", createdAt: Date.now() }).returning().get().id;
}

function qrMethod() {
  return createMethod(db, {
    name: "SEPA with QR",
    kind: "bank_transfer",
    enabled: true,
    currencies: ["EUR"],
    minAmount: null,
    maxAmount: null,
    details: [{ label: "IBAN", value: "DE89 3704 0044 0532 0130 00" }],
    instructions: "Use {{reference}}.",
    requiresTransactionId: true,
    receipt: "required",
    hoursOpen: null,
    qrStandard: "epc",
    qrFields: { name: "Demo Shop", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
  });
}

/** The row as the query builder reads it: what every prepared read must equal. */
const viaBuilder = (id: number) => db.select().from(payments).where(eq(payments.id, id)).get();

/** The stored values themselves, unmapped. */
const stored = (id: number) =>
  db.$client.prepare("SELECT metadata, typeof(metadata) AS metadataType, method_snapshot, typeof(method_snapshot) AS snapshotType FROM payments WHERE id = ?").get(id) as {
    metadata: string | null;
    metadataType: string;
    method_snapshot: string | null;
    snapshotType: string;
  };

describe("prepared reads map rows exactly as the builder does", () => {
  it("a payment with a method snapshot and metadata reads the same by id, by token, fresh, and as created", () => {
    const m = qrMethod();
    const created = createPayment(db, input());
    expect(created).toEqual(viaBuilder(created.id));
    expect(chooseMethod(db, created.id, m.id)).toEqual({ ok: true });
    const builder = viaBuilder(created.id)!;
    // The JSON columns come back as objects, with the booleans and nulls inside them as they were.
    expect(builder.metadata).toEqual(METADATA);
    expect(builder.methodSnapshot).toMatchObject({ id: m.id, requiresTransactionId: true, receipt: "required", qrStandard: "epc", qrFields: m.qrFields });
    expect(paymentById(db, created.id)).toEqual(builder);
    expect(paymentByToken(db, created.token)).toEqual(builder);
    expect(paymentById(db, 999_999)).toBeUndefined();
    expect(paymentByToken(db, "nope")).toBeUndefined();
  });

  it("a decision returns the row as stored, the same as reading it afterwards", () => {
    const m = qrMethod();
    const p = createPayment(db, input());
    chooseMethod(db, p.id, m.id);
    expect(submitPayment(db, { paymentId: p.id, transactionId: "TX-1", receipt: { file: "a".repeat(32) + ".pdf", mime: "application/pdf", size: 1234 } })).toEqual({ ok: true });
    const r = decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "No money", actor: { type: "user", id: "1" } });
    if (!r.ok) throw new Error(r.error);
    expect(r.payment).toEqual(viaBuilder(p.id));
    expect(r.payment).toMatchObject({ status: "cancelled", decisionReason: "No money", transactionId: "TX-1", receiptSize: 1234, version: 4, metadata: METADATA });
  });
});

describe("prepared writes store exactly what the builder stored", () => {
  it("metadata is JSON text when given and SQL NULL (not the text 'null') when absent", () => {
    const withMeta = createPayment(db, input());
    const without = createPayment(db, input({ metadata: null }));
    const omitted = createPayment(db, input({ metadata: undefined }));
    expect(stored(withMeta.id)).toMatchObject({ metadata: JSON.stringify(METADATA), metadataType: "text", method_snapshot: null, snapshotType: "null" });
    expect(stored(without.id)).toMatchObject({ metadata: null, metadataType: "null" });
    expect(stored(omitted.id)).toMatchObject({ metadata: null, metadataType: "null" });
    expect(without.metadata).toBeNull();
    expect(viaBuilder(without.id)!.metadata).toBeNull();
  });

  it("a created payment's columns equal those of the same payment written through the builder", () => {
    const now = Date.now();
    const p = createPayment(db, input({ now, createdByUserId: null, createdByApiKeyId: 7 }));
    const twin = db
      .insert(payments)
      .values({
        token: "T".repeat(22),
        reference: "ZZZZZZZZ",
        status: "open",
        amount: 12345,
        currency: "EUR",
        description: "Prepared",
        orderId: "o-1",
        customerName: "Marta Rossi",
        customerEmail: "marta@example.com",
        returnUrl: "https://shop.example/back",
        expiresAt: p.expiresAt,
        linkExpiresAt: p.expiresAt,
        createdByUserId: null,
        createdByApiKeyId: 7,
        metadata: METADATA,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const rawRow = (id: number) => {
      const { id: _id, token: _t, reference: _r, ...rest } = db.$client.prepare("SELECT * FROM payments WHERE id = ?").get(id) as Record<string, unknown>;
      return rest;
    };
    expect(rawRow(p.id)).toEqual(rawRow(twin.id));
    expect(db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, p.id)).all()).toEqual([
      { id: expect.any(Number), paymentId: p.id, actorType: "api_key", actorId: "7", fromStatus: null, toStatus: "open", reason: null, createdAt: now },
    ]);
  });

  it("webhook payloads show the payment as the change left it, as a fresh read would", () => {
    const a = createEndpoint(db, { url: "https://a.example/h", events: ["payment.submitted", "payment.approved"] });
    const b = createEndpoint(db, { url: "https://b.example/h", events: ["payment.approved"] });
    const m = qrMethod();
    const p = createPayment(db, input());
    chooseMethod(db, p.id, m.id);
    submitPayment(db, { paymentId: p.id, transactionId: "TX-9", receipt: null });
    const afterSubmit = viaBuilder(p.id)!;
    decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: "1" } });
    const afterApprove = viaBuilder(p.id)!;
    const events = db.select().from(webhookEvents).orderBy(webhookEvents.id).all();
    expect(events.map((e) => [e.type, e.paymentId])).toEqual([
      ["payment.submitted", p.id],
      ["payment.approved", p.id],
    ]);
    expect(JSON.parse(events[0].payload).data).toEqual(toApiPayment(afterSubmit, publicOrigin()));
    expect(JSON.parse(events[1].payload).data).toEqual(toApiPayment(afterApprove, publicOrigin()));
    // One delivery per listening endpoint, in the endpoints' order.
    const deliveries = db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id).all();
    expect(deliveries.map((d) => [d.eventId, d.endpointId, d.status, d.attempts])).toEqual([
      [events[0].id, a.id, "pending", 0],
      [events[1].id, a.id, "pending", 0],
      [events[1].id, b.id, "pending", 0],
    ]);
  });

  it("an API key's last use is written at most once a minute", () => {
    const { key, row } = createApiKey(db, "Shop", addUser(), API_SCOPES);
    const t = Date.now();
    expect(apiKeyBySecret(db, key, t)?.id).toBe(row.id);
    expect(db.select().from(apiKeys).get()!.lastUsedAt).toBe(t);
    apiKeyBySecret(db, key, t + 30_000);
    expect(db.select().from(apiKeys).get()!.lastUsedAt).toBe(t);
    expect(apiKeyBySecret(db, key, t + 61_000)?.lastUsedAt).toBe(t);
    expect(db.select().from(apiKeys).get()!.lastUsedAt).toBe(t + 61_000);
  });

  it("a user reads the same as through the builder, the active flag a boolean either way", () => {
    const id = addUser();
    expect(userById(db, id)).toEqual(db.select().from(users).where(eq(users.id, id)).get());
    expect(userById(db, id)!.active).toBe(true);
    db.update(users).set({ active: false }).where(eq(users.id, id)).run();
    expect(userById(db, id)!.active).toBe(false);
    expect(userById(db, id + 1)).toBeUndefined();
  });

  it("the business profile reads the saved row, or the default before one is saved", () => {
    expect(getBusinessProfile(db).name).toBe("Direct Payments");
    saveBusinessProfile(db, { name: "Shop", supportContact: "s@example.com", defaultCurrency: "USD", defaultHoursOpen: 24 });
    expect(getBusinessProfile(db)).toEqual({ id: 1, name: "Shop", supportContact: "s@example.com", defaultCurrency: "USD", defaultHoursOpen: 24 });
  });
});

describe("prepared statements run inside the caller's transaction", () => {
  it("a throw after a prepared insert rolls the payment, its event and the outbox rows back", () => {
    createEndpoint(db, { url: "https://a.example/h", events: ["payment.submitted"] });
    expect(() =>
      writeTransaction(db, (tx) => {
        const p = insertPayment(tx, input());
        enqueuePaymentEvent(tx, "payment.submitted", p.id, Date.now());
        expect(db.$client.inTransaction).toBe(true);
        expect(db.select().from(webhookEvents).all()).toHaveLength(1);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db.select().from(payments).all()).toHaveLength(0);
    expect(db.select().from(paymentEvents).all()).toHaveLength(0);
    expect(db.select().from(webhookEvents).all()).toHaveLength(0);
    expect(db.select().from(webhookDeliveries).all()).toHaveLength(0);
  });

  it("an API create whose response cannot be rendered leaves no payment, event or idempotency key", () => {
    const { row } = createApiKey(db, "Shop", addUser(), API_SCOPES);
    const render = (): never => {
      throw new Error("render failed");
    };
    expect(() => createPaymentIdempotent(db, { apiKeyId: row.id, idempotencyKey: "k", requestHash: requestHash("POST", "/x", "{}"), payment: input(), render })).toThrow(
      "render failed",
    );
    expect(db.select().from(payments).all()).toHaveLength(0);
    expect(db.select().from(paymentEvents).all()).toHaveLength(0);
    expect(db.select().from(idempotencyKeys).all()).toHaveLength(0);
  });

  it("another connection to the same file sees nothing of the transaction before it commits", () => {
    const other = openDb(`file:${path.join(dir, "app.db")}`, { runMigrations: false });
    try {
      const id = writeTransaction(db, (tx) => {
        const p = insertPayment(tx, input());
        expect(tx.select().from(payments).where(eq(payments.id, p.id)).get()).toEqual(p);
        expect(paymentById(other, p.id)).toBeUndefined();
        return p.id;
      });
      expect(paymentById(other, id)).toEqual(viaBuilder(id));
    } finally {
      other.$client.close();
    }
  });
});

describe("preparedPerConnection", () => {
  it("prepares once per connection, also when called with that connection's transactions", () => {
    let builds = 0;
    const count = preparedPerConnection((d) => {
      builds++;
      return d.select().from(payments).prepare();
    });
    const other = openDb(":memory:");
    try {
      createPayment(db, input());
      expect(count(db).all()).toHaveLength(1);
      expect(writeTransaction(db, (tx) => count(tx).all())).toHaveLength(1);
      expect(writeTransaction(db, (tx) => count(tx).all())).toHaveLength(1);
      expect(builds).toBe(1);
      // Another connection (another database here) gets queries of its own.
      expect(count(other).all()).toHaveLength(0);
      expect(builds).toBe(2);
    } finally {
      other.$client.close();
    }
  });
});
