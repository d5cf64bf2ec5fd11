// The bank statement benchmark (in-process): a 10,000-line camt.053 imported and matched against the seeded payments —
// parse, plan, write and every payment's change in one transaction — beside the time to parse the same file alone, and
// the plans of the import's lookups (each must be an index lookup: no scan of payments).
import { sqliteConnections, type Db } from "@/db/connection";
import { createBankAccount } from "@/db/bank/accounts";
import { importStatement, readStatementFile } from "@/db/bank/import";
import { candidatesQuery, knownKeysQuery, paymentsByReferenceQuery } from "@/db/bank/plan";
import { parseCamt } from "@/lib/bank/camt";
import { expiredBefore } from "@/lib/bank/match";
import { camt053, type CamtEntry } from "@/lib/bank/camt-writer";
import { creditorReference } from "@/lib/reference";
import { classifyPlan, explain, stats } from "./queries";
import type { InProcessResult, PlanResult } from "./report";

const IBAN = "DE89370400440532013000";

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The file: nine lines in ten name an open or submitted EUR payment by its reference (as text, or as an RF creditor
 * reference), some paying less; one in ten has no reference (suggestions by amount); a few are debits.
 */
export function benchStatement(rows: { reference: string; amount: number }[], lines: number, id: string): { xml: string; entries: number } {
  const entries: CamtEntry[] = [];
  const day = new Date().toISOString().slice(0, 10);
  const decimal = (minor: number) => (minor / 100).toFixed(2);
  for (let i = 0; i < lines; i++) {
    const p = rows[i % rows.length];
    const bankRef = `${id}-${i}`;
    if (i % 50 === 49) entries.push({ amount: "1.50", bookingDate: day, direction: "debit", text: "Fee", bankRef });
    else if (i % 10 === 9) entries.push({ amount: decimal(p.amount), bookingDate: day, text: "Invoice payment", payerName: "Bench Payer", bankRef });
    else if (i % 3 === 0) entries.push({ amount: decimal(p.amount), bookingDate: day, structuredRef: creditorReference(p.reference), bankRef });
    else entries.push({ amount: decimal(i % 7 === 0 ? Math.max(1, p.amount - 100) : p.amount), bookingDate: day, text: `Order ${p.reference.toLowerCase()}`, payerName: "Bench Payer", bankRef });
  }
  return { xml: camt053({ id, iban: IBAN, currency: "EUR", entries }), entries: entries.length };
}

export async function timeStatementImport(db: Db, lines = 10_000): Promise<{ result: InProcessResult; plans: PlanResult[]; summary: string }> {
  const { reader } = sqliteConnections(db);
  const rows = reader
    .prepare("SELECT reference, amount FROM payments WHERE status IN ('open', 'submitted') AND currency = 'EUR' ORDER BY id DESC LIMIT ?")
    .all(lines) as { reference: string; amount: number }[];
  if (rows.length === 0) throw new Error("No open EUR payments to match a statement against");
  const id = `BENCH-${process.pid}-${Date.now()}`;
  const { xml } = benchStatement(rows, lines, id);
  const bytes = new TextEncoder().encode(xml);

  const parseTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    const parsed = parseCamt(bytes);
    parseTimes.push(ms(t));
    if (!parsed.ok) throw new Error(`The bench statement does not parse: ${parsed.errors[0]?.message}`);
  }

  const account = await createBankAccount(db, { name: `Bench ${id}`, currency: "EUR", accountNumber: IBAN, methodIds: [], autoApprove: false, feeTolerance: 0 });
  const t = process.hrtime.bigint();
  const read = await readStatementFile(db, account.id, bytes);
  if (!read.ok) throw new Error(read.message);
  const imported = await importStatement(db, read, { fileName: "bench.xml", actor: { userId: null, apiKeyId: null } });
  const importMs = ms(t);
  if (!imported.ok) throw new Error(imported.message);

  const app = stats([importMs]);
  const raw = stats(parseTimes);
  const result: InProcessResult = {
    id: "statement-import",
    name: `Import and match a ${lines.toLocaleString("en")}-line camt.053 (one transaction), against parsing it alone`,
    iterations: 1,
    app,
    raw,
    ratio: app.p50 / raw.p50,
  };
  const s = imported.summary;
  const summary = `${s.matched} matched, ${s.underpaid} underpaid, ${s.overpaid} overpaid, ${s.review} to review, ${s.suggested} with suggestions, ${s.unmatched} unmatched, ${s.outgoing} outgoing`;

  const sample = rows[0];
  const lookups = [
    { id: "bank-known-lines", name: "Import: lines already imported (by account and dedup key)", query: knownKeysQuery(db, account.id, ["ref:a", "ref:b"]) },
    { id: "bank-by-reference", name: "Import: payments by reference", query: paymentsByReferenceQuery(db, [sample.reference, "00000000"]) },
    { id: "bank-candidates", name: "Import: suggestions by amount and currency", query: candidatesQuery(db, "EUR", sample.amount, expiredBefore(new Date().toISOString().slice(0, 10))) },
  ];
  const plans = lookups.map((q) => {
    const sql = q.query.toSQL();
    const plan = explain(reader, sql);
    const c = classifyPlan(plan, sql.sql);
    return { id: q.id, name: q.name, sql: sql.sql, plan, fullScan: c.fullScan, indexWalk: c.indexWalk, summary: c.summary };
  });
  return { result, plans, summary };
}
