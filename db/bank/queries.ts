// Reads for the bank pages: statements, the Unmatched inbox, a payment's lines (the refunds to make: ./refunds.ts).
import { and, count, desc, eq, inArray, like, or, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "../connection";
import { prepared } from "../statement-cache";
import { bankAccounts, bankStatementLines, bankStatements, payments, type BankStatementLine } from "../tables";
import { INBOX_STATES } from "@/lib/bank/line-state";
import { normalizeReference } from "@/lib/reference";

export async function recentStatements(db: Db, limit = 50) {
  return db
    .select({ statement: bankStatements, accountName: bankAccounts.name })
    .from(bankStatements)
    .leftJoin(bankAccounts, eq(bankAccounts.id, bankStatements.bankAccountId))
    .orderBy(desc(bankStatements.id))
    .limit(limit);
}

export async function statementById(db: Db, id: number) {
  const [row] = await db
    .select({ statement: bankStatements, accountName: bankAccounts.name })
    .from(bankStatements)
    .leftJoin(bankAccounts, eq(bankAccounts.id, bankStatements.bankAccountId))
    .where(eq(bankStatements.id, id));
  return row;
}

export type LineWithPayment = { line: BankStatementLine; paymentReference: string | null; paymentAmount: number | null; paymentReceived: number | null };

const lineWithPayment = {
  line: bankStatementLines,
  paymentReference: payments.reference,
  paymentAmount: payments.amount,
  paymentReceived: payments.amountReceived,
};

export async function linesOfStatement(db: Db, statementId: number, limit = 2000): Promise<LineWithPayment[]> {
  return db
    .select(lineWithPayment)
    .from(bankStatementLines)
    .leftJoin(payments, eq(payments.id, bankStatementLines.paymentId))
    .where(eq(bankStatementLines.statementId, statementId))
    .orderBy(bankStatementLines.id)
    .limit(limit);
}

/** Lines waiting for a person: to review, with suggestions, or unmatched; newest first, optionally searched. */
export async function inboxLines(db: Db, search = "", limit = 100): Promise<LineWithPayment[]> {
  const q = search.trim();
  const filters = [inArray(bankStatementLines.state, [...INBOX_STATES])];
  if (q !== "") {
    const ref = normalizeReference(q);
    const amount = /^\d+([.,]\d{1,3})?$/.test(q) ? q.replace(",", ".") : null;
    const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    const text = (col: AnyColumn) => sql`lower(${col}) LIKE lower(${pattern}) ESCAPE '\\'`;
    filters.push(
      or(
        text(bankStatementLines.remittanceText),
        text(bankStatementLines.structuredRef),
        text(bankStatementLines.counterpartyName),
        text(bankStatementLines.endToEndId),
        ...(ref ? [eq(bankStatementLines.foundReference, ref), like(bankStatementLines.remittanceText, `%${ref}%`)] : []),
        // An amount as typed ("50", "50.00"): compared in minor units of two decimals, the common case.
        ...(amount ? [eq(bankStatementLines.amount, Math.round(Number(amount) * 100))] : []),
      )!,
    );
  }
  return db
    .select(lineWithPayment)
    .from(bankStatementLines)
    .leftJoin(payments, eq(payments.id, bankStatementLines.paymentId))
    .where(and(...filters))
    .orderBy(desc(bankStatementLines.id))
    .limit(limit);
}

/** For the navigation's badge. */
// Every dashboard page shows it (the navigation's badge): prepared once (../statement-cache).
const inboxCountQuery = prepared((db) => db.select({ n: count() }).from(bankStatementLines).where(inArray(bankStatementLines.state, [...INBOX_STATES])).prepare());

export async function inboxCount(db: Db): Promise<number> {
  const [row] = await inboxCountQuery(db).execute();
  return row?.n ?? 0;
}

/** Every line matched to (or naming) a payment, oldest first: its detail panel. */
export async function linesOfPayment(db: Db, paymentId: number): Promise<BankStatementLine[]> {
  return db.select().from(bankStatementLines).where(eq(bankStatementLines.paymentId, paymentId)).orderBy(bankStatementLines.id);
}

export async function lineById(db: Db, id: number): Promise<BankStatementLine | undefined> {
  return (await db.select().from(bankStatementLines).where(eq(bankStatementLines.id, id)))[0];
}

/** The count below as a query, for its plan (db/bank/queries.test.ts): payments_bank_confirmed_idx, never the rows. */
export function bankConfirmedCountQuery(db: Db) {
  return db
    .select({ n: count() })
    .from(payments)
    .where(and(eq(payments.status, "submitted"), sql`${payments.bankConfirmedAt} IS NOT NULL`));
}

/** How many submitted payments a bank statement confirmed (for "Approve all bank-confirmed"), on every Pending page. */
export async function bankConfirmedCount(db: Db): Promise<number> {
  const [row] = await bankConfirmedCountQuery(db);
  return row?.n ?? 0;
}
