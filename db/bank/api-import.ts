// POST /api/v1/statements' write: an import and its Idempotency-Key in one transaction, answered as the API shows it.
import { bulkWriteTransaction, type Db } from "../connection";
import { idempotentReplay, rememberResponse, type StoredResponse } from "../api";
import { importStatement, type ReadResult } from "./import";

export type ApiImportResult = { kind: "answer" | "replay"; response: StoredResponse } | { kind: "conflict" };

export async function importStatementForApi(
  db: Db,
  read: Extract<ReadResult, { ok: true }>,
  input: { apiKeyId: number; fileName: string; idempotencyKey: string | null; requestHash: string; now?: number },
): Promise<ApiImportResult> {
  const now = input.now ?? Date.now();
  return bulkWriteTransaction(db, async (tx) => {
    const key = input.idempotencyKey ? { apiKeyId: input.apiKeyId, idempotencyKey: input.idempotencyKey, requestHash: input.requestHash, now } : null;
    if (key) {
      const seen = await idempotentReplay(tx, key);
      if (seen) return seen;
    }
    const result = await importStatement(tx, read, { fileName: input.fileName, actor: { userId: null, apiKeyId: input.apiKeyId }, now });
    const response: StoredResponse = result.ok
      ? {
          status: 201,
          body: JSON.stringify({
            object: "statement_import",
            statement_id: result.statementId,
            bank_account_id: read.account.id,
            summary: {
              matched: result.summary.matched,
              underpaid: result.summary.underpaid,
              overpaid: result.summary.overpaid,
              review: result.summary.review,
              suggested: result.summary.suggested,
              unmatched: result.summary.unmatched,
              outgoing: result.summary.outgoing,
              duplicate: result.summary.duplicate,
            },
            lines: result.lines.map((l) => ({ id: l.id, position: l.position, state: l.state, payment_id: l.paymentId })),
          }),
        }
      : {
          status: 409,
          body: JSON.stringify({ type: "https://direct-payments.dev/problems/conflict", title: "This statement file was imported before.", status: 409, detail: result.message }),
        };
    // A refusal is not remembered: only an import is what a repeat must get again.
    if (key && result.ok) await rememberResponse(tx, { ...key, response });
    return { kind: "answer", response };
  });
}
