// A payment's bank statement lines on its detail page: what arrived, from whom, and how it counts.
import Link from "next/link";
import type { BankStatementLine, Payment } from "@/db/schema";
import { LineAmount } from "@/components/bank/amount";
import { LineStateBadge } from "@/components/bank/line-state-badge";
import { LineText } from "@/components/bank/line-text";
import { CardSection } from "@/components/ui/card";
import { REVIEW_REASON_TEXT } from "@/lib/bank/line-state";
import { formatMoney } from "@/lib/money";
import { refundDue } from "@/lib/payment-status";

export function PaymentBankLines({ payment, lines }: { payment: Payment; lines: BankStatementLine[] }) {
  if (lines.length === 0 && payment.amountReceived === 0) return null;
  const money = (minor: number) => formatMoney(minor, payment.currency, "en");
  const received = payment.amountReceived;
  const open = payment.status === "open" || payment.status === "submitted";
  return (
    <CardSection id="bank-lines" title="Bank statement" titleClassName="mb-2 font-semibold">
      <p className="mb-3 text-sm" data-testid="bank-summary">
        Received <span className="tabular font-semibold">{money(received)}</span> of {money(payment.amount)}
        {received < payment.amount && open && (
          <span className="font-semibold text-amber-800">
            {" "}
            · underpaid by {money(payment.amount - received)}
            {payment.bankConfirmedAt ? " (within the bank fee tolerance: counts as paid)" : ""}
          </span>
        )}
        {received > payment.amount && <span className="font-semibold text-sky-800"> · overpaid by {money(received - payment.amount)}</span>}
      </p>
      <RefundLine payment={payment} />
      <ul className="space-y-2">
        {lines.map((l) => (
          <li key={l.id} className="rounded-lg p-2 text-sm ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <LineAmount amount={l.amount} currency={l.currency} direction={l.direction} />
              <LineStateBadge state={l.state} />
            </div>
            <p className="text-xs text-slate-600">
              {l.bookingDate} · {l.counterpartyName ?? "unknown payer"}
              {l.counterpartyAccount ? ` · ${l.counterpartyAccount}` : ""} ·{" "}
              <Link href={`/dashboard/statements/${l.statementId}`} className="underline">
                {l.position}
              </Link>
            </p>
            <LineText line={l} />
            {l.state === "review" && <p className="mt-1 text-xs text-red-800">{REVIEW_REASON_TEXT[l.reason ?? ""] ?? l.reason}</p>}
          </li>
        ))}
      </ul>
    </CardSection>
  );
}

/** What goes back to the payer (the refunds to make), and what an agent recorded sending. */
function RefundLine({ payment }: { payment: Payment }) {
  const due = refundDue(payment);
  if (due === 0 && payment.amountRefunded === 0) return null;
  const money = (minor: number) => formatMoney(minor, payment.currency, "en");
  return (
    <p className="-mt-2 mb-3 text-sm" data-testid="refund-summary">
      {payment.amountRefunded > 0 && <>Sent back to the payer: {money(payment.amountRefunded)}. </>}
      {due > 0 && (
        <Link href="/dashboard/statements/refunds" className="font-semibold text-sky-800 underline">
          {money(due)} to send back
        </Link>
      )}
    </p>
  );
}
