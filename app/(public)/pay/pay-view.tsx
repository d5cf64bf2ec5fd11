// The payer's page itself: who asks, how much, the choice of method, its details, "I have paid", and later the outcome.
// Rendered by pay/[token]/page.tsx (per request) and, when the payer page cache is on, by pay-v/[id] (once per state;
// see proxy.ts and server/payer-page-cache/ for how a request gets there).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { methodsForPayment } from "@/db/methods";
import { paymentByToken } from "@/db/payments";
import { getBusinessProfile } from "@/db/users";
import type { Payment } from "@/db/schema";
import { withEffectiveStatus } from "@/lib/payment-status";
import { isWellFormedToken } from "@/lib/token";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { fillTemplate, LOCALES, MESSAGES, type Locale, type Messages } from "@/lib/i18n";
import { MethodInstructions } from "@/components/payments/method-instructions";
import { LocalTime } from "@/components/ui/local-time";
import { buttonClass } from "@/components/ui/button";
import { PaymentStatusBadge } from "@/components/payments/status-badge";
import type { ConfirmErrors } from "@/lib/confirm-form";
import { ConfirmForm } from "@/components/payments/confirm-form";

/**
 * One read per render: the metadata and the page share it (React's per-request cache), so both see the same state. It
 * writes nothing: a payment past its expiry shows as expired (effectiveStatus) until the expiry job records that.
 */
const paymentOf = cache(async (token: string): Promise<Payment | undefined> => {
  const payment = await paymentByToken(await getDb(), token);
  return payment && withEffectiveStatus(payment);
});

/** The payment of a token, or the 404 page. */
export async function loadPayment(token: string): Promise<Payment> {
  if (!isWellFormedToken(token)) notFound();
  const payment = await paymentOf(token);
  if (!payment) notFound();
  return payment;
}

export async function payPageMetadata(token: string, locale: Locale): Promise<Metadata> {
  const t = MESSAGES[locale];
  const payment = isWellFormedToken(token) ? await paymentOf(token) : undefined;
  if (!payment) return { title: t.notFoundTitle };
  return { title: `${t.paymentTitle} ${formatReference(payment.reference)}`, referrer: "same-origin" };
}

/** What the "I have paid" form sent back: its errors and the transaction ID that was typed. */
export type ConfirmFeedback = { errors: ConfirmErrors; transactionId: string };

export async function PayView({ payment, locale, error, confirm }: { payment: Payment; locale: Locale; error?: string; confirm?: ConfirmFeedback }) {
  const t = MESSAGES[locale];
  const token = payment.token;
  const db = await getDb();
  const profile = await getBusinessProfile(db);
  const amountText = formatMoney(payment.amount, payment.currency, locale);
  const reference = formatReference(payment.reference);

  return (
    <div lang={locale} className="mx-auto max-w-lg px-4 pb-16 pt-6 sm:pt-10">
      <header className="mb-6">
        <p className="text-sm text-slate-600">{t.paymentRequestFrom}</p>
        <p className="text-lg font-semibold text-slate-900">{profile.name}</p>
      </header>
      <main className="space-y-6">
        <section aria-labelledby="summary" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <div className="flex items-start justify-between gap-3">
            <h1 id="summary" className="text-base font-medium text-slate-800">
              {payment.description}
            </h1>
            <PaymentStatusBadge status={payment.status} label={statusLabel(t, payment.status)} />
          </div>
          {payment.orderId && (
            <p className="mt-1 text-sm text-slate-600">
              {t.order}: {payment.orderId}
            </p>
          )}
          <p className="mt-4 text-sm text-slate-600">{t.amountToPay}</p>
          <p className="tabular text-3xl font-semibold tracking-tight text-slate-900" data-testid="amount">
            {amountText}
          </p>
          {payment.status === "open" && (
            <p className="mt-3 text-sm text-slate-700">
              {t.expires}: <LocalTime ms={payment.expiresAt} locale={locale} />
            </p>
          )}
        </section>

        <ReceivedNotice payment={payment} t={t} locale={locale} />
        {payment.status === "open" && !payment.methodSnapshot && (
          <MethodChoice payment={payment} t={t} error={error} supportContact={profile.supportContact} locale={locale} />
        )}
        {payment.status === "open" && payment.methodSnapshot && (
          <MethodDetails payment={payment} t={t} locale={locale} amountText={amountText} reference={reference} confirm={confirm} />
        )}
        {payment.status !== "open" && <Outcome payment={payment} t={t} locale={locale} reference={reference} supportContact={profile.supportContact} />}
      </main>
      <LanguageSwitcher current={locale} token={token} label={t.language} />
    </div>
  );
}

function statusLabel(t: Messages, status: Payment["status"]): string {
  return { open: t.statusOpen, submitted: t.statusSubmitted, approved: t.statusApproved, cancelled: t.statusCancelled, expired: t.statusExpired }[status];
}

function SupportContact({ contact }: { contact: string }) {
  if (!contact) return null;
  const href = contact.includes("@") && !contact.includes("/") ? `mailto:${contact}` : /^https?:\/\//.test(contact) ? contact : null;
  return href ? (
    <a href={href} className="font-medium text-accent-700 underline" rel="noopener noreferrer">
      {contact}
    </a>
  ) : (
    <span className="font-medium">{contact}</span>
  );
}

async function MethodChoice(props: { payment: Payment; t: Messages; error?: string; supportContact: string; locale: Locale }) {
  const { payment, t } = props;
  const methods = await methodsForPayment(await getDb(), payment);
  if (methods.length === 0) {
    return (
      <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">{t.chooseMethod}</h2>
        <p className="mt-2 text-slate-700">{t.noMethods}</p>
        <p className="mt-2 text-slate-700">
          {props.supportContact ? (
            <>
              {t.noMethodsContact} <SupportContact contact={props.supportContact} />
            </>
          ) : (
            t.noMethodsContactGeneric
          )}
        </p>
      </section>
    );
  }
  const errorText = props.error === "choose" ? t.errChooseMethod : props.error === "unavailable" ? t.errMethodUnavailable : null;
  return (
    <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <form method="post" action={`/pay/${payment.token}/method`}>
        <fieldset aria-describedby={errorText ? "method-error" : undefined}>
          <legend className="text-lg font-semibold">{t.chooseMethod}</legend>
          {errorText && (
            <p id="method-error" role="alert" className="mt-2 text-sm font-medium text-red-700">
              {errorText}
            </p>
          )}
          <div className="mt-3 space-y-2">
            {methods.map((m, i) => (
              <label
                key={m.id}
                className="flex cursor-pointer items-center gap-3 rounded-xl px-4 py-3.5 ring-1 ring-slate-300 has-[:checked]:bg-accent-50 has-[:checked]:ring-2 has-[:checked]:ring-accent-600"
              >
                <input type="radio" name="methodId" value={m.id} defaultChecked={i === 0 && methods.length === 1} required className="size-4 accent-accent-600" />
                <span className="font-medium text-slate-900">{m.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className={buttonClass("primary", "mt-4 w-full py-3 text-base")}>
          {t.pay}
        </button>
      </form>
    </section>
  );
}

function MethodDetails(props: { payment: Payment; t: Messages; locale: Locale; amountText: string; reference: string; confirm?: ConfirmFeedback }) {
  const { payment, t, locale } = props;
  const method = payment.methodSnapshot!;
  return (
    <>
      <section aria-labelledby="details" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <p className="text-sm text-slate-600">{t.payWith}</p>
        <h2 id="details" className="text-lg font-semibold">
          {method.name}
        </h2>
        <MethodInstructions
          method={method}
          amount={payment.amount}
          currency={payment.currency}
          reference={props.reference}
          order={payment.orderId ?? payment.description}
          expiresAt={payment.expiresAt}
          locale={locale}
          t={t}
        />
        <form method="post" action={`/pay/${payment.token}/method`} className="mt-4">
          <input type="hidden" name="change" value="1" />
          <button type="submit" className={buttonClass("ghost", "px-0 text-accent-700 underline hover:bg-transparent")}>
            {t.changeMethod}
          </button>
        </form>
      </section>
      <section aria-labelledby="after" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="after" className="text-lg font-semibold">
          {t.afterPaying}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-700">{t.afterPayingHint}</p>
        <ConfirmForm
          action={`/pay/${payment.token}/confirm`}
          rules={{ requiresTransactionId: method.requiresTransactionId, receipt: method.receipt }}
          sent={props.confirm}
          labels={{
            transactionId: t.transactionId,
            transactionIdHint: t.transactionIdHint,
            receipt: t.receipt,
            receiptHint: t.receiptHint,
            optional: t.optional,
            required: t.required,
            confirm: t.confirm,
          }}
          messages={{
            "tx-required": t.errTransactionIdRequired,
            "tx-long": t.errTransactionIdTooLong,
            "receipt-required": t.errReceiptRequired,
            "receipt-type": t.errReceiptType,
            "receipt-size": t.errReceiptTooLarge,
            "receipt-again": t.errReceiptAgain,
            fixBelow: t.errFixBelow,
          }}
        />
      </section>
    </>
  );
}

function Outcome(props: { payment: Payment; t: Messages; locale: Locale; reference: string; supportContact: string }) {
  const { payment, t } = props;
  const box = "rounded-2xl p-5 shadow-sm ring-1";
  if (payment.status === "submitted") {
    return (
      <section role="status" className={`${box} bg-amber-50 ring-amber-200`}>
        <h2 className="text-lg font-semibold text-amber-950">{t.submittedTitle}</h2>
        <p className="mt-2 text-amber-950">{t.submittedBody}</p>
        <p className="mt-2 text-amber-950">{t.submittedNext}</p>
        <p className="mt-3 text-sm text-amber-900">
          {t.reference}: <span className="font-mono font-semibold">{props.reference}</span>
          {payment.submittedAt && (
            <>
              {" · "}
              {t.submittedAt}: <LocalTime ms={payment.submittedAt} locale={props.locale} />
            </>
          )}
        </p>
      </section>
    );
  }
  if (payment.status === "approved") {
    return (
      <section role="status" className={`${box} bg-emerald-50 ring-emerald-200`}>
        <h2 className="text-lg font-semibold text-emerald-950">{t.approvedTitle}</h2>
        <p className="mt-2 text-emerald-950">{t.approvedBody}</p>
        {payment.returnUrl && (
          <a href={payment.returnUrl} rel="noopener noreferrer" className={buttonClass("primary", "mt-4 w-full py-3 text-base")}>
            {t.backToShop}
          </a>
        )}
      </section>
    );
  }
  if (payment.status === "cancelled") {
    return (
      <section role="status" className={`${box} bg-red-50 ring-red-200`}>
        <h2 className="text-lg font-semibold text-red-950">{t.cancelledTitle}</h2>
        <p className="mt-2 text-red-950">{t.cancelledBody}</p>
        {payment.decisionReason && (
          <p className="mt-2 text-red-950">
            <span className="font-semibold">{t.reason}:</span> {payment.decisionReason}
          </p>
        )}
        <p className="mt-3 text-sm text-red-900">
          {t.cancelledContact} <span className="font-mono font-semibold">{props.reference}</span>
          {props.supportContact && (
            <>
              {" · "}
              <SupportContact contact={props.supportContact} />
            </>
          )}
        </p>
        {payment.returnUrl && (
          <a href={payment.returnUrl} rel="noopener noreferrer" className={buttonClass("secondary", "mt-4 w-full")}>
            {t.backToShop}
          </a>
        )}
      </section>
    );
  }
  return (
    <section role="status" className={`${box} bg-white ring-slate-200`}>
      <h2 className="text-lg font-semibold">{t.expiredTitle}</h2>
      <p className="mt-2 text-slate-700">{t.expiredBody}</p>
      {props.supportContact && (
        <p className="mt-2 text-sm text-slate-700">
          {t.contact}: <SupportContact contact={props.supportContact} />
        </p>
      )}
    </section>
  );
}

function LanguageSwitcher({ current, token, label }: { current: Locale; token: string; label: string }) {
  return (
    <nav aria-label={label} className="mt-10 flex justify-center gap-4 text-sm">
      {LOCALES.map((l) =>
        l === current ? (
          <span key={l} aria-current="true" className="font-semibold text-slate-900">
            {MESSAGES[l].languageName}
          </span>
        ) : (
          <a key={l} href={`/lang?to=${l}&next=${encodeURIComponent(`/pay/${token}`)}`} hrefLang={l} lang={l} className="text-accent-700 underline">
            {MESSAGES[l].languageName}
          </a>
        ),
      )}
    </nav>
  );
}

/**
 * What a bank statement showed arrived, when it is not the amount: how much is missing (pay the rest with the same
 * reference), or that the merchant will be in touch about what was paid too much.
 */
function ReceivedNotice({ payment, t, locale }: { payment: Payment; t: Messages; locale: Locale }) {
  const received = payment.amountReceived;
  if (received === 0 || received === payment.amount || payment.status === "cancelled" || payment.status === "expired") return null;
  const money = (minor: number) => formatMoney(minor, payment.currency, locale);
  if (received < payment.amount) {
    if (payment.status === "approved") return null;
    return (
      <section role="status" aria-labelledby="received-title" className="rounded-2xl bg-amber-50 p-5 ring-1 ring-amber-200">
        <h2 id="received-title" className="text-lg font-semibold text-amber-950">{t.underpaidTitle}</h2>
        <p className="mt-2 text-amber-950">
          {fillTemplate(t.underpaidBody, { received: money(received), amount: money(payment.amount), missing: money(payment.amount - received) })}
        </p>
      </section>
    );
  }
  return (
    <section role="status" aria-labelledby="received-title" className="rounded-2xl bg-sky-50 p-5 ring-1 ring-sky-200">
      <h2 id="received-title" className="text-lg font-semibold text-sky-950">{t.overpaidTitle}</h2>
      <p className="mt-2 text-sky-950">{fillTemplate(t.overpaidBody, { received: money(received), amount: money(payment.amount), extra: money(received - payment.amount) })}</p>
    </section>
  );
}
