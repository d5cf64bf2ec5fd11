// PostgreSQL: the API's idempotent create in two round trips instead of seven. The transaction path
// (createPaymentIdempotent in ./api) takes BEGIN, the key's advisory lock, the key's lookup, the payment's INSERT, its
// event, the stored answer and COMMIT, each a round trip to another process. Here:
// 1. one read: a new payment id from the table's sequence, and the key's stored answer if there is one;
// 2. one statement, which commits on its own: the payment (every column given, so the row is known before it is
//    written and its answer rendered from it), its first event and the stored answer, as data-modifying CTEs.
// Two requests with the same new key: the second's INSERT of the key waits for the first's statement on the unique
// index, then fails with a unique violation (its payment with it, the statement being atomic), and it replays the
// first's stored answer, as the advisory lock's queue would have.
// Not taken (null: the caller takes the transaction path): when e-mail is on (the payer's link mail needs reads of its
// own), with metadata (jsonb stores an object's keys in its own order; the answer is rendered from the row as the
// database gives it back), or for a key whose stored answer has expired (it is replaced under the lock).
import { sql } from "drizzle-orm";
import type { Db } from "./connection";
import { rawRows } from "./dialect";
import { isUniqueViolation } from "./errors";
import { hotStatement } from "./pg-statements";
import { idempotencyKeys, paymentEvents, payments, type Payment } from "./tables";
import { newPaymentFields, type CreatePaymentInput } from "./payments";

type StoredResponse = { status: number; body: string };
type Outcome = { kind: "created" | "replay"; response: StoredResponse } | { kind: "conflict" };
type SeenKey = { id: number; request_hash: string; response_status: number | null; response_body: string | null; created_at: number | null };

export type OneStatementCreate = {
  apiKeyId: number;
  idempotencyKey: string | null;
  requestHash: string;
  payment: CreatePaymentInput;
  render: (p: Payment) => StoredResponse;
  now: number;
  ttlMs: number;
};

/** See above: the create's outcome, or null when it must take the transaction path. */
export async function createInOneStatement(db: Db, input: OneStatementCreate): Promise<Outcome | null> {
  if (input.payment.metadata != null) return null;
  const [first] = await rawRows<{ next_id: number } & Partial<SeenKey>>(db, newIdAndKey(input));
  const stored = storedOutcome(first, input);
  if (stored !== undefined) return stored;
  const id = Number(first.next_id);
  for (let attempt = 0; ; attempt++) {
    const row = newPaymentRow(id, input.payment, input.now);
    const response = input.render(row);
    try {
      await rawRows(db, insertStatement(row, input, response));
      return { kind: "created", response };
    } catch (err) {
      // A reference or token collision (35 random bits): again with new ones, as the transaction path does.
      if (attempt < 5 && (isUniqueViolation(err, "payments.reference") || isUniqueViolation(err, "payments.token"))) continue;
      if (!input.idempotencyKey || !isUniqueViolation(err, "idempotency_keys_unique")) throw err;
      // Another request with this key wrote first: its answer, as a queue behind it would have found.
      const [seen] = await rawRows<SeenKey>(db, sql`SELECT id, request_hash, response_status, response_body, created_at FROM ${idempotencyKeys}
        WHERE api_key_id = ${input.apiKeyId} AND key = ${input.idempotencyKey}`);
      return storedOutcome(seen, input) ?? null;
    }
  }
}

/** A stored answer's outcome; null to take the transaction path (an expired one); undefined when there is none. */
function storedOutcome(seen: Partial<SeenKey> | undefined, input: OneStatementCreate): Outcome | null | undefined {
  if (!seen || seen.id == null) return undefined;
  if (input.now - Number(seen.created_at) >= input.ttlMs) return null;
  if (seen.request_hash !== input.requestHash) return { kind: "conflict" };
  return { kind: "replay", response: { status: Number(seen.response_status), body: String(seen.response_body) } };
}

/** The row the INSERT below writes, every column given: what the transaction path's INSERT … RETURNING gives. */
function newPaymentRow(id: number, p: CreatePaymentInput, now: number): Payment {
  const fields = newPaymentFields(p);
  return {
    id,
    ...fields,
    status: "open",
    linkExpiresAt: fields.expiresAt,
    methodId: null,
    methodSnapshot: null,
    methodChosenAt: null,
    transactionId: null,
    receiptFile: null,
    receiptMime: null,
    receiptSize: null,
    receiptName: null,
    decisionReason: null,
    decidedByUserId: null,
    metadata: null,
    createdAt: now,
    submittedAt: null,
    decidedAt: null,
    updatedAt: now,
    version: 1,
    payerLocale: null,
    amountReceived: 0,
    amountRefunded: 0,
    bankConfirmedAt: null,
  };
}

function newIdAndKey(input: OneStatementCreate) {
  return hotStatement("api-create:new id and key", sql`SELECT nextval(pg_get_serial_sequence('payments', 'id')) AS next_id, k.id, k.request_hash, k.response_status, k.response_body, k.created_at
  FROM (SELECT 1) AS one LEFT JOIN ${idempotencyKeys} AS k ON k.api_key_id = ${input.apiKeyId}::integer AND k.key = ${input.idempotencyKey}::text`);
}

function insertStatement(row: Payment, input: OneStatementCreate, response: StoredResponse) {
  const actor = input.payment.actor;
  return hotStatement("api-create:insert", sql`WITH created AS (
  INSERT INTO ${payments} (id, token, reference, status, amount, currency, description, order_id, customer_name, customer_email, return_url,
    expires_at, link_expires_at, created_by_user_id, created_by_api_key_id, created_at, updated_at, version, amount_received)
  VALUES (${row.id}::integer, ${row.token}::text, ${row.reference}::text, 'open', ${row.amount}::bigint, ${row.currency}::text, ${row.description}::text,
    ${row.orderId}::text, ${row.customerName}::text, ${row.customerEmail}::text, ${row.returnUrl}::text, ${row.expiresAt}::bigint, ${row.linkExpiresAt}::bigint,
    ${row.createdByUserId}::integer, ${row.createdByApiKeyId}::integer, ${row.createdAt}::bigint, ${row.updatedAt}::bigint, 1, 0)
  RETURNING id
), logged AS (
  INSERT INTO ${paymentEvents} (payment_id, actor_type, actor_id, from_status, to_status, reason, created_at)
  SELECT created.id, ${actor.type}::text, ${actor.id}::text, NULL, 'open', NULL, ${input.now}::bigint FROM created
), kept AS (
  INSERT INTO ${idempotencyKeys} (api_key_id, key, request_hash, response_status, response_body, created_at)
  SELECT ${input.apiKeyId}::integer, ${input.idempotencyKey}::text, ${input.requestHash}::text, ${response.status}::integer, ${response.body}::text, ${input.now}::bigint
  FROM created WHERE ${input.idempotencyKey}::text IS NOT NULL
)
SELECT id FROM created`);
}
