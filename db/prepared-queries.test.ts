// The hot paths run drizzle prepared queries (built once per connection) instead of the query builder. They must read
// and write exactly what the builder did: the same mapped rows (JSON, booleans, nulls), the same stored values, the
// same webhook payloads, and every statement inside the caller's transaction.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, writeTransaction, type Db, closeDb, sqliteConnections, write } from "./connection";
import { prepared } from "./statement-cache";
import { apiKeyBySecret, createApiKey, createPaymentIdempotent, requestHash } from "./api";
import { API_SCOPES } from "@/lib/api/scopes";
import { createMethod } from "./methods";
import { chooseMethod, createPayment, decidePayment, insertPayment, paymentById, paymentByToken, submitPayment, type CreatePaymentInput } from "./payments";
import { apiKeys, idempotencyKeys, paymentEvents, payments, users, webhookDeliveries, webhookEvents } from "./tables";
import { createEndpoint } from "./webhooks";
import { enqueuePaymentEvent } from "./webhook-outbox";
import { getBusinessProfile, saveBusinessProfile, userById } from "./users";
import { toApiPayment } from "@/lib/api/payment";
import { publicOrigin } from "@/lib/public-origin";

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-prepared-"));
  db = openDb(`file:${path.join(dir, "app.db")}`);
});

afterEach(async () => {
  closeDb(db);
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

async function addUser(): Promise<number> {
  return (await write(db, (w) => w.insert(users).values({ email: "admin@shop.example", name: "Admin", passwordHash: "x", role: "admin", createdAt: Date.now() }).returning()))[0].id;
}

async function qrMethod() {
  return await createMethod(db, {
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
const viaBuilder = async (id: number) => (await db.select().from(payments).where(eq(payments.id, id)))[0];

/** The stored values themselves, unmapped. */
const stored = (id: number) =>
  sqliteConnections(db).writer.prepare("SELECT metadata, typeof(metadata) AS metadataType, method_snapshot, typeof(method_snapshot) AS snapshotType FROM payments WHERE id = ?").get(id) as {
    metadata: string | null;
    metadataType: string;
    method_snapshot: string | null;
    snapshotType: string;
  };

describe("prepared reads map rows exactly as the builder does", () => {
  it("a payment with a method snapshot and metadata reads the same by id, by token, fresh, and as created", async () => {
    const m = await qrMethod();
    const created = await createPayment(db, input());
    expect(created).toEqual(await viaBuilder(created.id));
    expect(await chooseMethod(db, created.id, m.id)).toEqual({ ok: true });
    const builder = await viaBuilder(created.id)!;
    // The JSON columns come back as objects, with the booleans and nulls inside them as they were.
    expect(builder.metadata).toEqual(METADATA);
    expect(builder.methodSnapshot).toMatchObject({ id: m.id, requiresTransactionId: true, receipt: "required", qrStandard: "epc", qrFields: m.qrFields });
    expect(await paymentById(db, created.id)).toEqual(builder);
    expect(await paymentByToken(db, created.token)).toEqual(builder);
    expect(await paymentById(db, 999_999)).toBeUndefined();
    expect(await paymentByToken(db, "nope")).toBeUndefined();
  });

  it("a decision returns the row as stored, the same as reading it afterwards", async () => {
    const m = await qrMethod();
    const p = await createPayment(db, input());
    await chooseMethod(db, p.id, m.id);
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "TX-1", receipt: { file: "a".repeat(32) + ".pdf", mime: "application/pdf", size: 1234 } })).toEqual({ ok: true });
    const r = await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "No money", actor: { type: "user", id: "1" } });
    if (!r.ok) throw new Error(r.error);
    expect(r.payment).toEqual(await viaBuilder(p.id));
    expect(r.payment).toMatchObject({ status: "cancelled", decisionReason: "No money", transactionId: "TX-1", receiptSize: 1234, version: 4, metadata: METADATA });
  });
});

describe("prepared writes store exactly what the builder stored", () => {
  it("metadata is JSON text when given and SQL NULL (not the text 'null') when absent", async () => {
    const withMeta = await createPayment(db, input());
    const without = await createPayment(db, input({ metadata: null }));
    const omitted = await createPayment(db, input({ metadata: undefined }));
    expect(stored(withMeta.id)).toMatchObject({ metadata: JSON.stringify(METADATA), metadataType: "text", method_snapshot: null, snapshotType: "null" });
    expect(stored(without.id)).toMatchObject({ metadata: null, metadataType: "null" });
    expect(stored(omitted.id)).toMatchObject({ metadata: null, metadataType: "null" });
    expect(without.metadata).toBeNull();
    expect((await viaBuilder(without.id))!.metadata).toBeNull();
  });

  it("a created payment's columns equal those of the same payment written through the builder", async () => {
    const now = Date.now();
    const p = await createPayment(db, input({ now, createdByUserId: null, createdByApiKeyId: 7 }));
    const twin = (await write(db, (w) => w
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
      .returning()))[0];
    const rawRow = (id: number) => {
      const { id: _id, token: _t, reference: _r, ...rest } = sqliteConnections(db).writer.prepare("SELECT * FROM payments WHERE id = ?").get(id) as Record<string, unknown>;
      return rest;
    };
    expect(rawRow(p.id)).toEqual(rawRow(twin.id));
    expect((await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, p.id)))).toEqual([
      { id: expect.any(Number), paymentId: p.id, actorType: "api_key", actorId: "7", fromStatus: null, toStatus: "open", reason: null, createdAt: now, bankLineId: null },
    ]);
  });

  it("webhook payloads show the payment as the change left it, as a fresh read would", async () => {
    const a = await createEndpoint(db, { url: "https://a.example/h", events: ["payment.submitted", "payment.approved"] });
    const b = await createEndpoint(db, { url: "https://b.example/h", events: ["payment.approved"] });
    const m = await qrMethod();
    const p = await createPayment(db, input());
    await chooseMethod(db, p.id, m.id);
    await submitPayment(db, { paymentId: p.id, transactionId: "TX-9", receipt: null });
    const afterSubmit = (await viaBuilder(p.id))!;
    await decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: "1" } });
    const afterApprove = (await viaBuilder(p.id))!;
    const events = (await db.select().from(webhookEvents).orderBy(webhookEvents.id));
    expect(events.map((e) => [e.type, e.paymentId])).toEqual([
      ["payment.submitted", p.id],
      ["payment.approved", p.id],
    ]);
    expect(JSON.parse(events[0].payload).data).toEqual(toApiPayment(afterSubmit, [], publicOrigin()));
    expect(JSON.parse(events[1].payload).data).toEqual(toApiPayment(afterApprove, [], publicOrigin()));
    // One delivery per listening endpoint, in the endpoints' order.
    const deliveries = (await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id));
    expect(deliveries.map((d) => [d.eventId, d.endpointId, d.status, d.attempts])).toEqual([
      [events[0].id, a.id, "pending", 0],
      [events[1].id, a.id, "pending", 0],
      [events[1].id, b.id, "pending", 0],
    ]);
  });

  it("an API key's last use is written at most once a minute", async () => {
    const { key, row } = await createApiKey(db, "Shop", await addUser(), API_SCOPES);
    const t = Date.now();
    expect((await apiKeyBySecret(db, key, t))?.id).toBe(row.id);
    expect((await db.select().from(apiKeys))[0]!.lastUsedAt).toBe(t);
    await apiKeyBySecret(db, key, t + 30_000);
    expect((await db.select().from(apiKeys))[0]!.lastUsedAt).toBe(t);
    expect((await apiKeyBySecret(db, key, t + 61_000))?.lastUsedAt).toBe(t);
    expect((await db.select().from(apiKeys))[0]!.lastUsedAt).toBe(t + 61_000);
  });

  it("a user reads the same as through the builder, the active flag a boolean either way", async () => {
    const id = await addUser();
    expect(await userById(db, id)).toEqual((await db.select().from(users).where(eq(users.id, id)))[0]);
    expect((await userById(db, id))!.active).toBe(true);
    await write(db, (w) => w.update(users).set({ active: false }).where(eq(users.id, id)));
    expect((await userById(db, id))!.active).toBe(false);
    expect(await userById(db, id + 1)).toBeUndefined();
  });

  it("the business profile reads the saved row, or the default before one is saved", async () => {
    expect((await getBusinessProfile(db)).name).toBe("Direct Payments");
    await saveBusinessProfile(db, { name: "Shop", supportContact: "s@example.com", defaultCurrency: "USD", defaultHoursOpen: 24 });
    expect(await getBusinessProfile(db)).toEqual({ id: 1, name: "Shop", supportContact: "s@example.com", defaultCurrency: "USD", defaultHoursOpen: 24, defaultLocale: "en", reminderHoursBefore: null, logoFile: null, logoMime: null });
  });
});

describe("prepared statements run inside the caller's transaction", () => {
  it("a throw after a prepared insert rolls the payment, its event and the outbox rows back", async () => {
    await createEndpoint(db, { url: "https://a.example/h", events: ["payment.submitted"] });
    await expect(
      writeTransaction(db, async (tx) => {
        const p = await insertPayment(tx, input());
        await enqueuePaymentEvent(tx, "payment.submitted", p.id, Date.now());
        expect(sqliteConnections(db).writer.inTransaction).toBe(true);
        expect(await tx.select().from(webhookEvents)).toHaveLength(1);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.select().from(payments)).toHaveLength(0);
    expect(await db.select().from(paymentEvents)).toHaveLength(0);
    expect(await db.select().from(webhookEvents)).toHaveLength(0);
    expect(await db.select().from(webhookDeliveries)).toHaveLength(0);
  });

  it("an API create whose response cannot be rendered leaves no payment, event or idempotency key", async () => {
    const { row } = await createApiKey(db, "Shop", await addUser(), API_SCOPES);
    const render = (): never => {
      throw new Error("render failed");
    };
    await expect(createPaymentIdempotent(db, { apiKeyId: row.id, idempotencyKey: "k", requestHash: requestHash("POST", "/x", "{}"), payment: input(), render })).rejects.toThrow(
      "render failed",
    );
    expect(await db.select().from(payments)).toHaveLength(0);
    expect(await db.select().from(paymentEvents)).toHaveLength(0);
    expect(await db.select().from(idempotencyKeys)).toHaveLength(0);
  });

  it("another connection to the same file sees nothing of the transaction before it commits", async () => {
    const other = openDb(`file:${path.join(dir, "app.db")}`, { runMigrations: false });
    try {
      const id = await writeTransaction(db, async (tx) => {
        const p = await insertPayment(tx, input());
        expect((await tx.select().from(payments).where(eq(payments.id, p.id)))[0]).toEqual(p);
        expect(await paymentById(other, p.id)).toBeUndefined();
        expect(await paymentById(db, p.id)).toBeUndefined();
        return p.id;
      });
      expect(await paymentById(other, id)).toEqual(await viaBuilder(id));
    } finally {
      closeDb(other);
    }
  });
});

describe("prepared", () => {
  it("prepares once per connection: once for the reader, once for the writer every transaction shares", async () => {
    let builds = 0;
    const count = prepared((d) => {
      builds++;
      return d.select().from(payments).prepare();
    });
    const other = openDb(":memory:");
    try {
      await createPayment(db, input());
      expect(await count(db).execute()).toHaveLength(1);
      expect(builds).toBe(1);
      expect(await writeTransaction(db, (tx) => count(tx).execute())).toHaveLength(1);
      expect(await writeTransaction(db, (tx) => count(tx).execute())).toHaveLength(1);
      expect(builds).toBe(2);
      // Another database gets queries of its own.
      expect(await count(other).execute()).toHaveLength(0);
      expect(builds).toBe(3);
    } finally {
      closeDb(other);
    }
  });
});
