// What a bank statement showed arrive, on the payer's page, when it is not simply the amount. Part of pay-view.tsx.
import type { Payment } from "@/db/schema";
import { fillTemplate, type Locale, type Messages } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { refundDue } from "@/lib/payment-status";

const box = "rounded-2xl p-5 ring-1";

/**
 * How much is missing (`due`, the payment's amountStillDue: pay the rest with the same reference; null once the bank
 * confirmed it paid within its fee tolerance); money that goes back to the payer — paid too much, or paid towards a
 * payment then cancelled or expired — and whether the merchant has sent it yet.
 */
export function ReceivedNotice({ payment, due, t, locale }: { payment: Payment; due: number | null; t: Messages; locale: Locale }) {
  const received = payment.amountReceived;
  const money = (minor: number) => formatMoney(minor, payment.currency, locale);
  if (due !== null) {
    return (
      <Notice title={t.underpaidTitle} tone="amber">
        {fillTemplate(t.underpaidBody, { received: money(received), amount: money(payment.amount), missing: money(due) })}
      </Notice>
    );
  }
  // What goes back (refundDue): the extra of an overpayment, or all of it for a payment cancelled or expired.
  const back = refundDue(payment);
  if (back === 0) {
    return payment.amountRefunded > 0 ? (
      <Notice title={t.refundedTitle} tone="sky">
        {fillTemplate(t.refundedBody, { refunded: money(payment.amountRefunded) })}
      </Notice>
    ) : null;
  }
  if (payment.status === "cancelled" || payment.status === "expired") {
    return (
      <Notice title={t.refundTitle} tone="sky">
        {fillTemplate(t.refundBody, { received: money(received), due: money(back) })}
      </Notice>
    );
  }
  // Paid too much: the merchant will be in touch.
  return (
    <Notice title={t.overpaidTitle} tone="sky">
      {fillTemplate(t.overpaidBody, { received: money(received), amount: money(payment.amount), extra: money(back) })}
    </Notice>
  );
}

function Notice({ title, tone, children }: { title: string; tone: "amber" | "sky"; children: string }) {
  const colors = tone === "amber" ? ["bg-amber-50 ring-amber-200", "text-amber-950"] : ["bg-sky-50 ring-sky-200", "text-sky-950"];
  return (
    <section role="status" aria-labelledby="received-title" className={`${box} ${colors[0]}`}>
      <h2 id="received-title" className={`text-lg font-semibold ${colors[1]}`}>
        {title}
      </h2>
      <p className={`mt-2 ${colors[1]}`}>{children}</p>
    </section>
  );
}
