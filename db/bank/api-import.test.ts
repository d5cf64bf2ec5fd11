// POST /api/v1/statements' write on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): the answer, its
// replay by Idempotency-Key, a refusal not remembered.
import { afterEach, beforeEach, expect, it } from "vitest";
import { createApiKey } from "../api";
import { type Db } from "../connection";
import type { TestDb } from "../test-db";
import { createPayment, paymentById } from "../payments";
import { createBankAccount } from "./accounts";
import { importStatementForApi } from "./api-import";
import { readStatementFile } from "./import";
import { openBankTestDb } from "./test-fixture";
import { camt053 } from "@/lib/bank/camt-writer";
import { API_SCOPES } from "@/lib/api/scopes";

let testDb: TestDb;
let db: Db;
let userId: number;
beforeEach(async () => {
  ({ testDb, db, userId } = await openBankTestDb("bank-api"));
});
afterEach(async () => {
  await testDb.close();
});

it("answers with the summary, replays it for the same Idempotency-Key, and refuses the same file without one", async () => {
  const key = (await createApiKey(db, "bank", userId, API_SCOPES)).row;
  const account = await createBankAccount(db, { name: "A", currency: "EUR", accountNumber: "DE89370400440532013000", methodIds: [], autoApprove: true, feeTolerance: 0 });
  const p = await createPayment(db, { amount: 990, currency: "EUR", description: "x", expiresAt: Date.now() + 86_400_000, actor: { type: "api_key", id: String(key.id) } });
  const bytes = new TextEncoder().encode(camt053({ id: "API-1", iban: "DE89370400440532013000", currency: "EUR", entries: [{ amount: "9.90", bookingDate: new Date().toISOString().slice(0, 10), text: p.reference }] }));
  const read = await readStatementFile(db, account.id, bytes);
  if (!read.ok) throw new Error(read.message);
  const input = { apiKeyId: key.id, fileName: "s.xml", idempotencyKey: "k-1", requestHash: "h-1" };

  const first = await importStatementForApi(db, read, input);
  if (first.kind === "conflict") throw new Error();
  expect(first.response.status).toBe(201);
  const body = JSON.parse(first.response.body);
  expect(body).toMatchObject({ object: "statement_import", bank_account_id: account.id, summary: { matched: 1, duplicate: 0 } });
  expect(body.lines).toEqual([{ id: expect.any(Number), position: expect.any(String), state: "matched", payment_id: p.id }]);
  expect((await paymentById(db, p.id))!.status).toBe("approved");

  expect(await importStatementForApi(db, read, input)).toEqual({ kind: "replay", response: first.response });
  expect(await importStatementForApi(db, read, { ...input, requestHash: "other" })).toEqual({ kind: "conflict" });
  const again = await importStatementForApi(db, read, { ...input, idempotencyKey: null });
  expect(again).toMatchObject({ kind: "answer", response: { status: 409 } });
});
