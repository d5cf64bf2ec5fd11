// Importing a statement file into a bank account: parse, plan and write in one transaction — the statement, its new
// lines with the matcher's decisions, and each decision's effect on its payment. Nothing is written for a file that
// does not read, nor for a file imported before.
import { eq } from "drizzle-orm";
import { bulkInsert } from "../bulk-insert";
import { bulkWriteTransaction, type Db, type Tx } from "../connection";
import { isUniqueViolation } from "../errors";
import { bankStatementLines, bankStatements, bankUploads, type BankAccount, type Payment } from "../tables";
import { bankAccountById } from "./accounts";
import { deferredRows, payWithLine, writeDeferred, type DeferredRows } from "./payment-effect";
import { emptySummary, planLines, stateOf, type Plan, type PlanSummary } from "./plan";
import type { CsvMapping } from "@/lib/bank/csv-mapping";
import { parseStatementFile } from "@/lib/bank/statement-file";
import { checkBalances, fileHash, statementTotals, type BalanceCheck, type CurrencyTotals, type LineError, type ParsedStatement } from "@/lib/bank/statement";
import type { LineState } from "@/lib/bank/line-state";

export type ImportActor = { userId: number | null; apiKeyId: number | null };

export const DUPLICATE_FILE_MESSAGE = "This file was imported before (the same file, byte for byte): nothing was imported again.";

export type ReadResult =
  | { ok: true; account: BankAccount; hash: string; format: string; statements: ParsedStatement[] }
  | { ok: false; error: "unknown_account"; message: string }
  | { ok: false; error: "needs_mapping"; message: string }
  | { ok: false; error: "unreadable"; message: string; lineErrors: LineError[] };

/** Reads a file for an account (camt as is, CSV through `mapping`, else the account's saved one). Writes nothing. */
export async function readStatementFile(db: Db, bankAccountId: number, bytes: Uint8Array, mapping: CsvMapping | null = null): Promise<ReadResult> {
  const account = await bankAccountById(db, bankAccountId);
  if (!account) return { ok: false, error: "unknown_account", message: "There is no such bank account." };
  const parsed = parseStatementFile(bytes, mapping ?? account.csvMapping ?? null);
  if (!parsed.ok) {
    if ("needsMapping" in parsed) return { ok: false, error: "needs_mapping", message: "This CSV file needs a column mapping first." };
    const count = parsed.errors.length;
    return {
      ok: false,
      error: "unreadable",
      message: `Nothing was imported: ${count === 1 ? "one problem" : `${count} problems`} in the file. Fix the file (or the column mapping) and upload it again.`,
      lineErrors: parsed.errors,
    };
  }
  const format = parsed.statements[0]?.format ?? "csv";
  return { ok: true, account, hash: fileHash(bytes), format, statements: parsed.statements };
}

export type Preview = {
  plan: Plan;
  totals: Record<string, CurrencyTotals>;
  balances: BalanceCheck[];
  /** The file was imported before. */
  duplicateFile: boolean;
};

/** What an import would do, read on the reader: nothing is written. */
export async function previewStatement(db: Db, read: Extract<ReadResult, { ok: true }>, now = Date.now()): Promise<Preview> {
  const lines = read.statements.flatMap((s) => s.lines);
  const plan = await planLines(db, read.account, lines, now);
  const duplicateFile = (await db.select({ id: bankStatements.id }).from(bankStatements).where(eq(bankStatements.fileHash, read.hash))).length > 0;
  return { plan, totals: statementTotals(lines), balances: read.statements.map(checkBalances), duplicateFile };
}

export type ImportResult =
  | { ok: true; statementId: number; summary: PlanSummary; lines: { id: number; position: string; state: LineState; paymentId: number | null }[] }
  | { ok: false; error: "duplicate_file"; message: string };

type ImportedLine = { id: number; position: string; state: LineState; paymentId: number | null };

type OkRead = Extract<ReadResult, { ok: true }>;
type ImportInput = { fileName: string; actor: ImportActor; now?: number; uploadId?: string };

/** The statement row itself, with the counts known before its lines are written. */
async function insertStatementRow(tx: Tx, read: OkRead, input: ImportInput, lineCount: number, plan: Plan, now: number) {
  const [statement] = await tx
    .insert(bankStatements)
    .values({
      bankAccountId: read.account.id,
      fileHash: read.hash,
      fileName: input.fileName.slice(0, 200) || "statement",
      format: read.format,
      bankStatementId: read.statements.map((s) => s.statementId).filter(Boolean).join(", ").slice(0, 200) || null,
      lineCount,
      skippedCount: plan.summary.duplicate,
      matchedCount: 0,
      importedByUserId: input.actor.userId,
      importedByApiKeyId: input.actor.apiKeyId,
      createdAt: now,
    })
    .returning({ id: bankStatements.id });
  return statement;
}

/** The rows of the plan's new lines (a paying line already counted as applied), each with its planned line and decision. */
function lineRows(plan: Plan, account: BankAccount, statementId: number, now: number) {
  return plan.lines.flatMap((p) => {
    const d = p.decision;
    if (d === null) return [];
    const found = "paymentId" in d ? d : null;
    const paying = d.kind === "matched" || d.kind === "underpaid" || d.kind === "overpaid";
    return [
      {
        p,
        d,
        values: {
          bankAccountId: account.id,
          statementId,
          dedupKey: p.dedupKey,
          position: p.line.position,
          lineNo: p.line.lineNo,
          bookingDate: p.line.bookingDate,
          valueDate: p.line.valueDate,
          amount: p.line.amountMinor,
          currency: p.line.currency,
          direction: p.line.direction,
          reversal: p.line.reversal,
          bankRef: p.line.bankRef,
          endToEndId: p.line.endToEndId,
          structuredRef: p.line.structuredRef,
          remittanceText: p.line.remittanceText,
          counterpartyName: p.line.counterpartyName,
          counterpartyAccount: p.line.counterpartyAccount,
          state: stateOf(d) ?? "unmatched",
          paymentId: found?.paymentId ?? null,
          appliedAmount: paying ? p.line.amountMinor : 0,
          foundReference: found?.reference ?? null,
          foundIn: found?.field ?? null,
          reason: d.kind === "review" ? d.reason : null,
          suggestions: d.kind === "unmatched" && d.suggestions.length > 0 ? d.suggestions : null,
          createdAt: now,
        },
      },
    ];
  });
}

type LineRow = ReturnType<typeof lineRows>[number];

type LineValues = LineRow["values"];

const LINE_COLUMNS = [
  "bankAccountId", "statementId", "dedupKey", "position", "lineNo", "bookingDate", "valueDate", "amount", "currency", "direction",
  "reversal", "bankRef", "endToEndId", "structuredRef", "remittanceText", "counterpartyName", "counterpartyAccount", "state",
  "paymentId", "appliedAmount", "foundReference", "foundIn", "reason", "suggestions", "createdAt",
] as const satisfies readonly (keyof LineValues)[];

const insertLines = bulkInsert<LineValues, { id: typeof bankStatementLines.id; dedupKey: typeof bankStatementLines.dedupKey }>(
  bankStatementLines,
  LINE_COLUMNS,
  { id: bankStatementLines.id, dedupKey: bankStatementLines.dedupKey },
  ["suggestions"],
);

/** Writes the rows in multi-row inserts; returns each new line's id by its dedup key. */
async function insertLineRows(tx: Tx, rows: LineRow[]): Promise<Map<string, number>> {
  const idOf = new Map<string, number>();
  for (const r of await insertLines(tx, rows.map((row) => row.values))) idOf.set(r.dedupKey, r.id);
  return idOf;
}

/** Each paying line's change to its payment, in order; counts every line's final state into `summary`. */
async function applyLineRows(
  tx: Tx,
  rows: LineRow[],
  idOf: Map<string, number>,
  ctx: { account: BankAccount; statementId: number; now: number; summary: PlanSummary; known: Map<number, Payment>; deferred: DeferredRows },
): Promise<ImportedLine[]> {
  const { account, now, summary, known } = ctx;
  const out: ImportedLine[] = [];
  const actor = { type: "bank" as const, id: `statement:${ctx.statementId}` };
  for (const { p, d, values } of rows) {
    const id = idOf.get(p.dedupKey)!;
    let state: LineState = values.state;
    const found = values.paymentId;
    if (d.kind === "matched" || d.kind === "underpaid" || d.kind === "overpaid") {
      const { amount, currency, bookingDate, valueDate, bankRef, endToEndId, structuredRef, remittanceText, counterpartyName, counterpartyAccount } = values;
      const paid = await payWithLine(tx, {
        paymentId: d.paymentId,
        line: { id, amount: p.line.amountMinor, currency: p.line.currency, position: p.line.position },
        known: known.get(d.paymentId),
        deferred: ctx.deferred,
        lineRow: { id, amount, currency, bookingDate, valueDate, bankRef, endToEndId, structuredRef, remittanceText, counterpartyName, counterpartyAccount },
        toleranceMinor: account.feeTolerance,
        autoApprove: account.autoApprove,
        actor,
        now,
      });
      // The next line for the same payment (a top-up in the same file) starts from what this one wrote.
      if (paid.ok) known.set(d.paymentId, paid.payment);
      // The plan read the same rows inside this transaction, so the effect agrees with it; should it not, the
      // line waits for a person rather than half-count.
      if (!paid.ok) {
        state = "review";
        await tx.update(bankStatementLines).set({ state, appliedAmount: 0, reason: paid.reason }).where(eq(bankStatementLines.id, id));
      } else if (paid.state !== state) {
        state = paid.state;
        await tx.update(bankStatementLines).set({ state }).where(eq(bankStatementLines.id, id));
      }
    }
    summary[state]++;
    out.push({ id, position: p.line.position, state, paymentId: found });
  }
  return out;
}

/** The import's writes, all inside the one transaction that handed out `tx`. */
async function importInTransaction(tx: Tx, read: OkRead, input: ImportInput, now: number, duplicate: Extract<ImportResult, { ok: false }>): Promise<ImportResult> {
  const { account } = read;
  const lines = read.statements.flatMap((s) => s.lines);
  if ((await tx.select({ id: bankStatements.id }).from(bankStatements).where(eq(bankStatements.fileHash, read.hash))).length > 0) return duplicate;
  const plan = await planLines(tx, account, lines, now);
  const statement = await insertStatementRow(tx, read, input, lines.length, plan, now);

  const summary = emptySummary();
  summary.duplicate = plan.summary.duplicate;
  // Every new line in multi-row inserts (a paying line already counted as applied), then each payment's change.
  const rows = lineRows(plan, account, statement.id, now);
  const idOf = await insertLineRows(tx, rows);
  const deferred = deferredRows();
  const out = await applyLineRows(tx, rows, idOf, { account, statementId: statement.id, now, summary, known: plan.payments, deferred });
  await writeDeferred(tx, deferred);
  // The file kept for the preview goes with its import.
  if (input.uploadId) await tx.delete(bankUploads).where(eq(bankUploads.id, input.uploadId));
  const matchedCount = summary.matched + summary.underpaid + summary.overpaid;
  await tx.update(bankStatements).set({ matchedCount }).where(eq(bankStatements.id, statement.id));
  return { ok: true, statementId: statement.id, summary, lines: out } as const;
}

/** Imports a read file: one transaction, all or nothing. */
export async function importStatement(db: Db, read: OkRead, input: ImportInput): Promise<ImportResult> {
  const now = input.now ?? Date.now();
  const duplicate = { ok: false, error: "duplicate_file", message: DUPLICATE_FILE_MESSAGE } as const;
  try {
    return await bulkWriteTransaction(db, (tx) => importInTransaction(tx, read, input, now, duplicate));
  } catch (err) {
    // Two imports of one file at once: the unique index lets one in.
    if (isUniqueViolation(err, "bank_statements.file_hash")) return duplicate;
    throw err;
  }
}
