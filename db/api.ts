// What the REST API reads and writes: API keys, idempotent payment creation, and the shop's payment list.
import crypto from "node:crypto";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { forgetCached, notifiedCache, writeTransaction, type Db, type Tx } from "./connection";
import { rawWrite, lockKeyForTransaction } from "./dialect";
import { isUniqueViolation } from "./errors";
import { prepared } from "./statement-cache";
import { apiKeys, idempotencyKeys, payments, users, type ApiKey, type Payment } from "./tables";
import { insertPayment, type CreatePaymentInput } from "./payments";
import { createInOneStatement } from "./api-create-pg";
import { changesInOneStatement } from "./change-rows";
import { keysetPage, pastCursor } from "./keyset";
import type { Cursor } from "@/lib/cursor";
import { hashApiKey, newApiKey } from "@/lib/api/keys";
import { scopesOf, type ApiScope } from "@/lib/api/scopes";
import type { PaymentStatus } from "@/lib/payment-status";

// ---- Keys ----

/** A new key with the scopes it may use (lib/api/scopes.ts); at least one, all known. */
export async function createApiKey(db: Db, name: string, userId: number, scopes: readonly ApiScope[], now = Date.now()): Promise<{ key: string; row: ApiKey }> {
  const granted = scopesOf(scopes);
  if (granted.length === 0 || granted.length !== new Set(scopes).size) throw new Error(`Bad API key scopes: ${JSON.stringify(scopes)}`);
  const { key, prefix, hash } = newApiKey();
  const [row] = await writeTransaction(db, (tx) =>
    tx.insert(apiKeys).values({ name, prefix, keyHash: hash, createdByUserId: userId, createdAt: now, scopes: granted }).returning(),
  );
  return { key, row };
}

export async function listApiKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      scopes: apiKeys.scopes,
      createdBy: users.name,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
    .orderBy(asc(apiKeys.revokedAt), desc(apiKeys.id));
}

export async function revokeApiKey(db: Db, id: number, now = Date.now()): Promise<boolean> {
  const revoked = await writeTransaction(db, (tx) =>
    tx.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id }),
  );
  forgetCached(db);
  return revoked.length === 1;
}

// Every API request looks its key up, and every create runs the idempotency queries: prepared once per connection.
const ph = sql.placeholder;

const liveKeyQuery = prepared((db) =>
  db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, ph("hash")), isNull(apiKeys.revokedAt))).prepare(),
);

const touchKeyQuery = prepared((db) => db.update(apiKeys).set({ lastUsedAt: sql`${ph("now")}` }).where(eq(apiKeys.id, ph("id"))).prepare());

const seenKeyQuery = prepared((db) =>
  db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, ph("apiKeyId")), eq(idempotencyKeys.key, ph("key")))).prepare(),
);

const forgetKeyQuery = prepared((db) => db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, ph("id"))).prepare());

const storeKeyQuery = prepared((db) =>
  db
    .insert(idempotencyKeys)
    .values({
      apiKeyId: ph("apiKeyId"),
      key: ph("key"),
      requestHash: ph("requestHash"),
      responseStatus: ph("responseStatus"),
      responseBody: ph("responseBody"),
      createdAt: ph("now"),
    })
    .prepare(),
);

/** The live key matching a presented secret, or undefined; revocation takes effect on the next request. */
export async function apiKeyBySecret(db: Db, secret: string, now = Date.now()): Promise<ApiKey | undefined> {
  const hash = hashApiKey(secret);
  const load = async () => (await liveKeyQuery(db).execute({ hash }))[0];
  // On PostgreSQL kept in memory (./notified-cache): a revocation on any instance empties it.
  const cache = notifiedCache(db);
  const key = cache ? await cache.read(`api-key:${hash}`, load) : await load();
  // "Last used" to the minute is plenty, and spares a write on every request.
  if (key && (key.lastUsedAt == null || now - key.lastUsedAt > 60_000)) {
    await writeTransaction(db, (tx) => touchKeyQuery(tx).execute({ id: key.id, now }));
    forgetCached(db);
  }
  return key;
}

// ---- Idempotent create ----

export const IDEMPOTENCY_TTL_MS = 48 * 3600_000;

export function requestHash(method: string, path: string, body: string): string {
  return crypto.createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

export type StoredResponse = { status: number; body: string };

export type IdempotentResult =
  | { kind: "created"; response: StoredResponse }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "conflict" };

/**
 * Creates a payment at most once per (key, Idempotency-Key). The lookup, the insert and the stored response are one
 * transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: under the key's advisory lock), so concurrent requests with the
 * same key queue behind the first and then replay its answer byte for byte. The same key with a different request is a conflict.
 * PostgreSQL without e-mail: a read and one statement instead, the key's unique index doing the queue's work (./api-create-pg).
 */
export async function createPaymentIdempotent(
  db: Db,
  input: {
    apiKeyId: number;
    idempotencyKey: string | null;
    requestHash: string;
    payment: CreatePaymentInput;
    render: (p: Payment) => StoredResponse;
    now?: number;
  },
): Promise<IdempotentResult> {
  const now = input.now ?? Date.now();
  if (changesInOneStatement()) {
    // PostgreSQL without e-mail: two round trips (./api-create-pg), unless it says to take the transaction below.
    const done = await createInOneStatement(db, { ...input, now, ttlMs: IDEMPOTENCY_TTL_MS });
    if (done) return done;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeTransaction(db, async (tx) => {
        if (input.idempotencyKey) {
          // PostgreSQL: requests with the same key queue here (SQLite's writer already runs one at a time).
          await lockKeyForTransaction(tx, `idempotency:${input.apiKeyId}:${input.idempotencyKey}`);
          const [seen] = await seenKeyQuery(tx).execute({ apiKeyId: input.apiKeyId, key: input.idempotencyKey });
          if (seen && now - seen.createdAt < IDEMPOTENCY_TTL_MS) {
            if (seen.requestHash !== input.requestHash) return { kind: "conflict" } as const;
            return { kind: "replay", response: { status: seen.responseStatus!, body: seen.responseBody! } } as const;
          }
          if (seen) await forgetKeyQuery(tx).execute({ id: seen.id });
        }
        const payment = await insertPayment(tx, { ...input.payment, now });
        const response = input.render(payment);
        if (input.idempotencyKey) {
          await storeKeyQuery(tx).execute({
            apiKeyId: input.apiKeyId,
            key: input.idempotencyKey,
            requestHash: input.requestHash,
            responseStatus: response.status,
            responseBody: response.body,
            now,
          });
        }
        return { kind: "created", response } as const;
      });
    } catch (err) {
      // A reference or token collision: try again with new random values.
      if (attempt < 5 && (isUniqueViolation(err, "payments.reference") || isUniqueViolation(err, "payments.token"))) continue;
      throw err;
    }
  }
}

/**
 * Inside the caller's transaction: the stored answer for a key (a replay), a conflict when the key came with another
 * request, or null when the key is new (an expired one is forgotten).
 */
export async function idempotentReplay(
  tx: Tx,
  input: { apiKeyId: number; idempotencyKey: string; requestHash: string; now: number },
): Promise<{ kind: "conflict" } | { kind: "replay"; response: StoredResponse } | null> {
  const [seen] = await seenKeyQuery(tx).execute({ apiKeyId: input.apiKeyId, key: input.idempotencyKey });
  if (seen && input.now - seen.createdAt < IDEMPOTENCY_TTL_MS) {
    if (seen.requestHash !== input.requestHash) return { kind: "conflict" };
    return { kind: "replay", response: { status: seen.responseStatus!, body: seen.responseBody! } };
  }
  if (seen) await forgetKeyQuery(tx).execute({ id: seen.id });
  return null;
}

/** Inside the caller's transaction: keeps the answer given for a key. */
export async function rememberResponse(tx: Tx, input: { apiKeyId: number; idempotencyKey: string; requestHash: string; now: number; response: StoredResponse }): Promise<void> {
  await storeKeyQuery(tx).execute({
    apiKeyId: input.apiKeyId,
    key: input.idempotencyKey,
    requestHash: input.requestHash,
    responseStatus: input.response.status,
    responseBody: input.response.body,
    now: input.now,
  });
}

/** Forgets idempotency keys older than the TTL (a bounded batch; a job in server/jobs.ts runs it). */
export async function purgeIdempotencyKeys(db: Db, now = Date.now()): Promise<number> {
  return writeTransaction(db, (tx) =>
    rawWrite(tx, sql`DELETE FROM idempotency_keys WHERE id IN (SELECT id FROM idempotency_keys WHERE created_at < ${now - IDEMPOTENCY_TTL_MS} LIMIT 500)`),
  );
}

// ---- The shop's list ----

/** Payments newest first, optionally by status and creation time; keyset-paginated. */
export async function apiListPayments(db: Db, q: { status?: PaymentStatus; createdAfter?: number; cursor?: Cursor | null; limit: number }) {
  const rows = await db
    .select()
    .from(payments)
    .where(
      and(
        q.status ? eq(payments.status, q.status) : undefined,
        q.createdAfter != null ? gt(payments.createdAt, q.createdAfter) : undefined,
        pastCursor(payments.createdAt, payments.id, q.cursor, "desc"),
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(q.limit + 1);
  return keysetPage(rows, q.limit, (r) => r.createdAt);
}
