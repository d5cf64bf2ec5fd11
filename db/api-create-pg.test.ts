// PostgreSQL only (vitest.postgres.config.mts): the API's create in two round trips (db/api-create-pg.ts) writes what
// the transaction path writes, answers from the row it wrote, and keeps one payment per Idempotency-Key.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pgPool, type Db } from "./connection";
import { rawRows } from "./dialect";
import { createApiKey, createPaymentIdempotent, requestHash } from "./api";
import { createPayment, paymentById, type CreatePaymentInput } from "./payments";
import { createUser } from "./users";
import { API_SCOPES } from "@/lib/api/scopes";
import { ENGINE, type Payment } from "./tables";
import { openTestDb, type TestDb } from "./test-db";

// References handed out next, before random ones: a test makes one collide with a payment that has it.
const nextReferences: string[] = [];
vi.mock("@/lib/reference", async (original) => {
  const actual = await original<typeof import("@/lib/reference")>();
  return { ...actual, generateReference: () => nextReferences.shift() ?? actual.generateReference() };
});

describe.skipIf(ENGINE !== "postgres")("the API's create on PostgreSQL", () => {
  let t: TestDb;
  let db: Db;
  let apiKeyId: number;
  beforeEach(async () => {
    t = await openTestDb("apicreate");
    db = t.db;
    const u = await createUser(db, { email: "admin@example.com", password: "password-123", role: "admin" });
    if (!u.ok) throw new Error("setup");
    apiKeyId = (await createApiKey(db, "Shop", u.user.id, API_SCOPES)).row.id;
  });
  afterEach(async () => t.close());

  const payment = (over: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    amount: 1999,
    currency: "EUR",
    description: "Leather wallet",
    orderId: "B-1",
    customerEmail: "Buyer@Example.com",
    customerName: "Ana Buyer",
    returnUrl: "https://shop.example/done",
    expiresAt: Date.now() + 3_600_000,
    createdByApiKeyId: apiKeyId,
    actor: { type: "api_key", id: String(apiKeyId) },
    ...over,
  });
  const rendered: Payment[] = [];
  const render = (p: Payment) => {
    rendered.push(p);
    return { status: 201, body: JSON.stringify({ id: p.id, reference: p.reference, email: p.customerEmail }) };
  };
  const create = (key: string | null, body = "{}", over: Partial<CreatePaymentInput> = {}) =>
    createPaymentIdempotent(db, { apiKeyId, idempotencyKey: key, requestHash: requestHash("POST", "/api/v1/payments", body), payment: payment(over), render });

  it("writes in two round trips the row it answered from, with its event, as the dashboard's transaction writes a payment", async () => {
    rendered.length = 0;
    const query = vi.spyOn(pgPool(db)!, "query");
    const created = await create("k-1");
    expect(query).toHaveBeenCalledTimes(2);
    query.mockRestore();
    expect(created.kind).toBe("created");
    const answered = rendered[0];
    const stored = await paymentById(db, answered.id);
    expect(stored).toEqual(answered);

    // The same input through the transaction path (the dashboard's create) gives the same row, but for its own id,
    // token and reference.
    const other = await createPayment(db, payment({ expiresAt: answered.expiresAt, now: answered.createdAt }));
    const own = ({ id, token, reference, ...rest }: Payment) => (void id, void token, void reference, rest);
    expect(own(other)).toEqual(own(answered));

    const events = await rawRows<{ actor_type: string; actor_id: string; from_status: string | null; to_status: string; created_at: number }>(
      db,
      sql`SELECT actor_type, actor_id, from_status, to_status, created_at FROM payment_events WHERE payment_id = ${answered.id}`,
    );
    expect(events).toEqual([{ actor_type: "api_key", actor_id: String(apiKeyId), from_status: null, to_status: "open", created_at: answered.createdAt }]);
  });

  it("replays a key's answer byte for byte, refuses it with another body, and makes one payment of twenty at once", async () => {
    const first = await create("k-2", '{"a":1}');
    const again = await create("k-2", '{"a":1}');
    expect(again).toEqual({ kind: "replay", response: (first as { response: unknown }).response });
    expect(await create("k-2", '{"a":2}')).toEqual({ kind: "conflict" });

    const racing = await Promise.all(Array.from({ length: 20 }, () => create("k-race", '{"b":1}')));
    expect(racing.filter((r) => r.kind === "created")).toHaveLength(1);
    expect(new Set(racing.map((r) => (r as { response: { body: string } }).response.body)).size).toBe(1);
    const [{ n }] = await rawRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM payments WHERE created_by_api_key_id = ${apiKeyId}`);
    expect(n).toBe(2);
  });

  it("tries again with another reference when the one drawn is taken", async () => {
    const taken = (await createPayment(db, payment())).reference;
    nextReferences.push(taken);
    const created = await create("k-3");
    expect(created.kind).toBe("created");
    const body = JSON.parse((created as { response: { body: string } }).response.body) as { id: number; reference: string };
    expect(body.reference).not.toBe(taken);
    expect((await paymentById(db, body.id))?.reference).toBe(body.reference);
    expect(nextReferences).toEqual([]);
  });

  it("keeps metadata as the database gives it back (the transaction path)", async () => {
    const created = await create("k-4", "{}", { metadata: { zeta: 1, a: { y: 2, b: 3 } } });
    const body = JSON.parse((created as { response: { body: string } }).response.body) as { id: number };
    expect((await paymentById(db, body.id))?.metadata).toEqual({ zeta: 1, a: { y: 2, b: 3 } });
  });
});
