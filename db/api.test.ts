import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db } from "./connection";
import { apiKeyBySecret, createApiKey, createPaymentIdempotent, IDEMPOTENCY_TTL_MS, listApiKeys, requestHash, revokeApiKey } from "./api";
import { API_SCOPES } from "@/lib/api/scopes";
import { createMethod } from "./methods";
import { chooseMethod, createPayment, decidePayment, submitPayment, type CreatePaymentInput } from "./payments";
import { payments, webhookDeliveries, webhookEvents } from "./tables";
import { claimDueDeliveries, createEndpoint, enqueueTestEvent, recordAttempt } from "./webhooks";
import { createUser } from "./users";
import { openTestDb, testSql, type TestDb } from "./test-db";

let testDb: TestDb;
let db: Db;
let userId: number;
beforeEach(async () => {
  testDb = await openTestDb("api");
  db = testDb.db;
  const u = await createUser(db, { email: "admin@example.com", password: "password-123", role: "admin" });
  if (!u.ok) throw new Error("setup");
  userId = u.user.id;
});
afterEach(async () => {
  await testDb.close();
});

const input = (apiKeyId: number): CreatePaymentInput => ({
  amount: 1999,
  currency: "EUR",
  description: "API",
  orderId: "1",
  expiresAt: Date.now() + 3600_000,
  actor: { type: "api_key", id: String(apiKeyId) },
});
const render = (p: { id: number; reference: string }) => ({ status: 201, body: JSON.stringify({ id: p.id, reference: p.reference }) });
const count = async () => (await db.select().from(payments)).length;

describe("API keys", () => {
  it("finds a key by its secret until it is revoked", async () => {
    const { key, row } = await createApiKey(db, "Shop", userId, API_SCOPES);
    expect((await apiKeyBySecret(db, key))?.id).toBe(row.id);
    expect(await apiKeyBySecret(db, key + "x")).toBeUndefined();
    expect(await revokeApiKey(db, row.id)).toBe(true);
    expect(await apiKeyBySecret(db, key)).toBeUndefined();
  });

  it("stores the scopes chosen at creation, lists them, and hands them to the API with the key", async () => {
    const { key, row } = await createApiKey(db, "Checkout", userId, ["methods:read", "payments:write"]);
    expect(row.scopes).toEqual(["payments:write", "methods:read"]);
    expect((await apiKeyBySecret(db, key))?.scopes).toEqual(["payments:write", "methods:read"]);
    expect((await listApiKeys(db)).find((k) => k.id === row.id)?.scopes).toEqual(["payments:write", "methods:read"]);
  });

  it("refuses a key without scopes or with one it does not know", async () => {
    await expect(createApiKey(db, "None", userId, [])).rejects.toThrow(/scopes/);
    await expect(createApiKey(db, "Bogus", userId, ["payments:read", "payments:*" as never])).rejects.toThrow(/scopes/);
    expect(await listApiKeys(db)).toHaveLength(0);
  });

  it("a key made before scopes existed (migration 0006) keeps all three", async () => {
    await testSql(db, sql`INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES ('Old', 'dp_live_old00000', 'h', 1)`);
    expect((await listApiKeys(db))[0].scopes).toEqual([...API_SCOPES]);
  });
});

describe("createPaymentIdempotent", () => {
  it("replays the first response byte for byte for the same key and body, and refuses the key with another body", async () => {
    const { row } = await createApiKey(db, "Shop", userId, API_SCOPES);
    const hash = requestHash("POST", "/api/v1/payments", '{"amount":"19.99"}');
    const first = await createPaymentIdempotent(db, { apiKeyId: row.id, idempotencyKey: "k1", requestHash: hash, payment: input(row.id), render });
    const again = await createPaymentIdempotent(db, { apiKeyId: row.id, idempotencyKey: "k1", requestHash: hash, payment: input(row.id), render });
    expect(first.kind).toBe("created");
    expect(again.kind).toBe("replay");
    if (first.kind !== "created" || again.kind !== "replay") throw new Error();
    expect(again.response.body).toBe(first.response.body);
    expect(await count()).toBe(1);
    const other = await createPaymentIdempotent(db, { apiKeyId: row.id, idempotencyKey: "k1", requestHash: requestHash("POST", "/api/v1/payments", '{"amount":"20"}'), payment: input(row.id), render });
    expect(other).toEqual({ kind: "conflict" });
    expect(await count()).toBe(1);
  });

  it("scopes keys to the API key, creates anew without a key, and forgets keys after the TTL", async () => {
    const a = (await createApiKey(db, "A", userId, API_SCOPES)).row;
    const b = (await createApiKey(db, "B", userId, API_SCOPES)).row;
    const h = requestHash("POST", "/x", "{}");
    await createPaymentIdempotent(db, { apiKeyId: a.id, idempotencyKey: "same", requestHash: h, payment: input(a.id), render });
    expect((await createPaymentIdempotent(db, { apiKeyId: b.id, idempotencyKey: "same", requestHash: h, payment: input(b.id), render })).kind).toBe("created");
    await createPaymentIdempotent(db, { apiKeyId: a.id, idempotencyKey: null, requestHash: h, payment: input(a.id), render });
    await createPaymentIdempotent(db, { apiKeyId: a.id, idempotencyKey: null, requestHash: h, payment: input(a.id), render });
    expect(await count()).toBe(4);
    const later = Date.now() + IDEMPOTENCY_TTL_MS + 1000;
    expect((await createPaymentIdempotent(db, { apiKeyId: a.id, idempotencyKey: "same", requestHash: h, payment: input(a.id), render, now: later })).kind).toBe("created");
  });
});

describe("the webhook outbox", () => {
  it("writes the event and a delivery per subscribed endpoint in the state change's transaction", async () => {
    const all = await createEndpoint(db, { url: "https://a.example/h", events: ["payment.submitted", "payment.approved"] });
    await createEndpoint(db, { url: "https://b.example/h", events: ["payment.approved"] });
    const m = await createMethod(db, { name: "Bank", kind: "bank_transfer", enabled: true, currencies: [], minAmount: null, maxAmount: null, details: [], instructions: "", requiresTransactionId: false, receipt: "off", hoursOpen: null, qrStandard: null, qrFields: {} });
    const p = await createPayment(db, { ...input(0), actor: { type: "system", id: null } });
    expect(await db.select().from(webhookEvents)).toHaveLength(0);
    await chooseMethod(db, p.id, m.id);
    await submitPayment(db, { paymentId: p.id, transactionId: "T1", receipt: null });
    await decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: "1" } });
    const events = (await db.select().from(webhookEvents));
    expect(events.map((e) => e.type)).toEqual(["payment.submitted", "payment.approved"]);
    const approved = JSON.parse(events[1].payload);
    expect(approved).toMatchObject({ type: "payment.approved", data: { id: p.id, status: "approved", amount: "19.99", transaction_id: "T1" } });
    expect((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, all.id)))).toHaveLength(2);
    expect(await db.select().from(webhookDeliveries)).toHaveLength(3);
    // A refused decision writes nothing.
    await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "x", actor: { type: "user", id: "1" } });
    expect(await db.select().from(webhookEvents)).toHaveLength(2);
  });

  it("leases claimed deliveries, retries on failure, and disables the endpoint after 410", async () => {
    const e = await createEndpoint(db, { url: "https://a.example/h", events: ["payment.cancelled"] });
    const p = await createPayment(db, { ...input(0), actor: { type: "system", id: null } });
    await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "x", actor: { type: "user", id: "1" } });
    const now = Date.now();
    const claimed = await claimDueDeliveries(db, now);
    expect(claimed).toHaveLength(1);
    expect(await claimDueDeliveries(db, now)).toHaveLength(0); // leased
    expect(claimed[0].msgId).toMatch(/^msg_/);
    await recordAttempt(db, { deliveryId: claimed[0].id, endpointId: e.id, attemptedAt: now, statusCode: 500, durationMs: 3, responseExcerpt: "oops", error: null, outcome: { kind: "retry", at: now + 5000 } });
    expect(await claimDueDeliveries(db, now + 4000)).toHaveLength(0);
    const again = await claimDueDeliveries(db, now + 5000);
    expect(again.map((d) => [d.msgId, d.attempts])).toEqual([[claimed[0].msgId, 1]]);
    await recordAttempt(db, { deliveryId: again[0].id, endpointId: e.id, attemptedAt: now + 5000, statusCode: 410, durationMs: 3, responseExcerpt: null, error: null, outcome: { kind: "give_up", reason: "gone" } });
    expect((await db.select().from(webhookDeliveries))[0]!.status).toBe("failed");
    const p2 = await createPayment(db, { ...input(0), actor: { type: "system", id: null } });
    await decidePayment(db, { paymentId: p2.id, decision: "cancel", reason: "x", actor: { type: "user", id: "1" } });
    // The endpoint is disabled now: no new event is queued for it.
    expect(await db.select().from(webhookEvents)).toHaveLength(1);
  });

  it("claims no more than perEndpoint for one endpoint, counting those another dispatcher holds, and fills up with the others", async () => {
    const slow = await createEndpoint(db, { url: "https://slow.example/h", events: ["payment.cancelled"] });
    const other = await createEndpoint(db, { url: "https://other.example/h", events: ["payment.cancelled"] });
    const now = Date.now();
    for (let i = 0; i < 6; i++) await enqueueTestEvent(db, slow.id, now - 1000 + i);
    await enqueueTestEvent(db, other.id, now);
    const first = await claimDueDeliveries(db, now, { limit: 2, perEndpoint: 3 });
    expect(first.map((d) => d.endpointId)).toEqual([slow.id, slow.id]);
    // Another process: one more slot for the slow endpoint, then the other endpoint's event.
    const second = await claimDueDeliveries(db, now, { limit: 10, perEndpoint: 3 });
    expect(second.map((d) => d.endpointId)).toEqual([slow.id, other.id]);
    expect(await claimDueDeliveries(db, now, { limit: 10, perEndpoint: 3 })).toEqual([]);
    // One ends: its slot is free again.
    await recordAttempt(db, { deliveryId: first[0].id, endpointId: slow.id, attemptedAt: now, statusCode: 200, durationMs: 3, responseExcerpt: null, error: null, outcome: { kind: "delivered" } });
    expect((await claimDueDeliveries(db, now, { limit: 10, perEndpoint: 3 })).map((d) => d.endpointId)).toEqual([slow.id]);
  });
});
