// A statement line's amount, signed by direction, in tabular figures.
import { formatMoney } from "@/lib/money";

export function LineAmount({ amount, currency, direction }: { amount: number; currency: string; direction: "credit" | "debit" }) {
  return (
    <span className={`tabular whitespace-nowrap ${direction === "debit" ? "text-slate-600" : "font-medium text-slate-900"}`}>
      {direction === "debit" ? "−" : "+"}
      {formatMoney(amount, currency, "en")}
    </span>
  );
}
