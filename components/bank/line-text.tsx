// What a statement line says: its payer (name and account) and its reference texts.
import type { BankStatementLine } from "@/db/schema";

export function LineParty({ line }: { line: BankStatementLine }) {
  return (
    <div className="min-w-0">
      <p className="break-words">{line.counterpartyName ?? "—"}</p>
      {line.counterpartyAccount && <p className="break-all font-mono text-xs text-slate-600">{line.counterpartyAccount}</p>}
    </div>
  );
}

export function LineText({ line }: { line: BankStatementLine }) {
  const parts = [line.structuredRef, line.remittanceText, line.endToEndId ? `E2E ${line.endToEndId}` : null].filter(Boolean);
  return <p className="max-w-xs break-words text-xs text-slate-800">{parts.join(" · ") || "—"}</p>;
}
