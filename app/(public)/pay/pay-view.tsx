// The payer's page itself: who asks, how much, the choice of method, its details, "I have paid", and later the outcome.
// Rendered by pay/[token]/page.tsx (per request) and, when the payer page cache is on, by pay-v/[id] (once per state;
// see proxy.ts and server/payer-page-cache/ for how a request gets there).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { getDb } from "@/db/client";
import { methodsForPayment } from "@/db/methods";
import { paymentByToken } from "@/db/payments";
import { getBusinessProfile } from "@/db/users";
import type { Payment } from "@/db/schema";
import { amountStillDue, withEffectiveStatus } from "@/lib/payment-status";
import { isWellFormedToken } from "@/lib/token";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { fillTemplate, LOCALES, MESSAGES, type Locale, type Messages } from "@/lib/i18n";
import { localizeMethod } from "@/lib/method-translations";
import { logoUrlOf, MerchantMark } from "@/components/payments/merchant-mark";
import { MethodInstructions } from "@/components/payments/method-instructions";
import { LocalTime } from "@/components/ui/local-time";
import { buttonClass } from "@/components/ui/button";
import { PaymentStatusBadge } from "@/components/payments/status-badge";
import type { ConfirmErrors } from "@/lib/confirm-form";
import { ConfirmForm } from "@/components/payments/confirm-form";
import { Outcome, SupportContact } from "./payer-outcome";
import { ConfirmStepMemory } from "@/components/payments/confirm-step-memory";
import { ReceivedNotice } from "./received-notice";

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
  // Part of it arrived: what is left is what to pay, everywhere on the page (the details, their QR code, the steps).
  const due = amountStillDue(payment);
  const amountText = formatMoney(due ?? payment.amount, payment.currency, locale);
  const reference = formatReference(payment.reference);
  const open = payment.status === "open";
  const step = !open ? null : payment.methodSnapshot ? 2 : 1;
  const amountLabel =
    due !== null ? t.amountStillToPay : payment.status === "submitted" || payment.status === "approved" ? t.amountPaid : open ? t.amountToPay : t.amountDue;

  return (
    <div lang={locale} className="mx-auto max-w-lg px-4 pb-16 pt-6 sm:pt-10 lg:max-w-3xl">
      <header className="mb-6 flex items-center gap-3">
        <MerchantMark name={profile.name} logoUrl={logoUrlOf(profile)} />
        <div className="min-w-0">
          <p className="text-sm text-slate-600">{t.paymentRequestFrom}</p>
          <p className="break-words text-lg font-semibold text-slate-900" data-testid="merchant-name">
            {profile.name}
          </p>
        </div>
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
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <div>
              <p className="text-sm text-slate-600">{amountLabel}</p>
              <p className="tabular text-3xl font-semibold tracking-tight text-slate-900" data-testid="amount">
                {amountText}
              </p>
              {due !== null && <p className="text-sm text-slate-600">{fillTemplate(t.ofAmount, { amount: formatMoney(payment.amount, payment.currency, locale) })}</p>}
            </div>
            <div data-testid="summary-reference">
              <p className="text-sm text-slate-600">{t.reference}</p>
              <p className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{reference}</p>
            </div>
          </div>
          {open && (
            <p className="mt-3 text-sm text-slate-700">
              {t.expires}: <LocalTime ms={payment.expiresAt} locale={locale} zone />
            </p>
          )}
        </section>

        <ReceivedNotice payment={payment} due={due} t={t} locale={locale} />
        {payment.status === "submitted" && due !== null && payment.methodSnapshot && <RestDetails payment={payment} amount={due} t={t} locale={locale} reference={reference} />}
        {step && <StepProgress current={step} t={t} />}
        {step === 1 && <MethodChoice payment={payment} t={t} error={error} supportContact={profile.supportContact} locale={locale} />}
        {step === 2 && <MethodDetails payment={payment} t={t} locale={locale} amount={due ?? payment.amount} reference={reference} confirm={confirm} />}
        {!open && <Outcome payment={payment} t={t} locale={locale} reference={reference} supportContact={profile.supportContact} />}
      </main>
      <LanguageSwitcher current={locale} token={token} label={t.language} />
    </div>
  );
}

function statusLabel(t: Messages, status: Payment["status"]): string {
  return { open: t.statusOpen, submitted: t.statusSubmitted, approved: t.statusApproved, cancelled: t.statusCancelled, expired: t.statusExpired }[status];
}

/** The three steps, and where the payer is: choose a method, pay with its details, tell us. */
function StepProgress({ current, t }: { current: 1 | 2; t: Messages }) {
  const names = [t.stepChoose, t.stepPay, t.stepTell];
  return (
    <ol aria-label={t.steps} className="flex items-center gap-2 text-sm" data-testid="steps">
      {names.map((name, i) => {
        const n = i + 1;
        const state = n < current ? "done" : n === current ? "current" : "next";
        return (
          <li key={n} aria-current={state === "current" ? "step" : undefined} className="flex flex-1 items-center gap-2">
            <StepNumber n={n} done={state === "done"} muted={state === "next"} />
            <span className={state === "next" ? "text-slate-600" : "font-medium text-slate-900"}>{name}</span>
            {n < 3 && <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />}
          </li>
        );
      })}
    </ol>
  );
}

function StepNumber({ n, done = false, muted = false }: { n: number; done?: boolean; muted?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
        muted ? "bg-white text-slate-700 ring-1 ring-slate-400" : "bg-accent-600 text-white"
      }`}
    >
      {done ? "✓" : n}
    </span>
  );
}

/** A step's heading: its number as a badge, and "Step n of 3" for screen readers. */
function StepHeading({ n, id, t, children, as: Tag = "h2" }: { n: number; id: string; t: Messages; children: ReactNode; as?: "h2" | "legend" }) {
  return (
    <Tag id={id} className="flex items-center gap-3 text-lg font-semibold text-slate-900">
      <StepNumber n={n} />
      <span>
        <span className="sr-only">{fillTemplate(t.stepOf, { n: String(n) })}: </span>
        {children}
      </span>
    </Tag>
  );
}

async function MethodChoice(props: { payment: Payment; t: Messages; error?: string; supportContact: string; locale: Locale }) {
  const { payment, t } = props;
  const methods = (await methodsForPayment(await getDb(), payment)).map((m) => localizeMethod(m, props.locale));
  if (methods.length === 0) {
    return (
      <section aria-labelledby="choose" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <StepHeading n={1} id="choose" t={t}>
          {t.chooseMethod}
        </StepHeading>
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
          <StepHeading n={1} id="choose" t={t} as="legend">
            {t.chooseMethod}
          </StepHeading>
          {errorText && (
            <p id="method-error" role="alert" className="mt-2 text-sm font-medium text-red-700">
              {errorText}
            </p>
          )}
          <div className="mt-3 grid gap-2 lg:grid-cols-2">
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
        <button type="submit" className={buttonClass("primary", "mt-4 w-full py-3 text-base lg:w-auto lg:px-8")}>
          {t.showDetails}
        </button>
      </form>
    </section>
  );
}

function MethodDetails(props: { payment: Payment; t: Messages; locale: Locale; amount: number; reference: string; confirm?: ConfirmFeedback }) {
  const { payment, t, locale } = props;
  const method = localizeMethod(payment.methodSnapshot!, locale);
  return (
    <>
      <section aria-labelledby="details" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <StepHeading n={2} id="details" t={t}>
            {fillTemplate(t.step2Title, { method: method.name })}
          </StepHeading>
          <form method="post" action={`/pay/${payment.token}/method`}>
            <input type="hidden" name="change" value="1" />
            <button type="submit" className={buttonClass("ghost", "px-0 text-sm text-accent-700 underline hover:bg-transparent")}>
              {t.changeMethod}
            </button>
          </form>
        </div>
        <p className="mt-1 text-sm text-slate-700">{t.step2Hint}</p>
        <MethodInstructions
          method={method}
          amount={props.amount}
          currency={payment.currency}
          reference={props.reference}
          order={payment.orderId ?? payment.description}
          expiresAt={payment.expiresAt}
          locale={locale}
          t={t}
        />
      </section>
      {/* Closed until the payer opens it, so nobody confirms before paying; a native <details>, so it opens without JavaScript too. Open when the form comes back with errors. */}
      <details id="confirm-step" open={Boolean(props.confirm)} className="group rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="confirm-step">
        <summary className="grid cursor-pointer list-none grid-cols-[1fr_auto] items-center gap-x-3 rounded-2xl p-5 [&::-webkit-details-marker]:hidden">
          <StepHeading n={3} id="after" t={t}>
            {t.step3Title}
          </StepHeading>
          <span aria-hidden="true" className="row-span-2 text-xl text-slate-600 transition-transform group-open:rotate-180">
            ▾
          </span>
          <span className="mt-1 pl-10 text-sm text-slate-700">{t.step3Hint}</span>
        </summary>
        <div className="px-5 pb-5">
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
              chooseFile: t.chooseFile,
              chooseAnotherFile: t.chooseAnotherFile,
              noFileChosen: t.noFileChosen,
              removeFile: t.removeFile,
              receiptPreview: t.receiptPreview,
              chosenFile: t.chosenFile,
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
        </div>
      </details>
      <ConfirmStepMemory stepId="confirm-step" token={payment.token} />
    </>
  );
}

/** A payer who confirmed before the bank statement showed only part of the money: the method's details again, for the rest. */
function RestDetails({ payment, amount, t, locale, reference }: { payment: Payment; amount: number; t: Messages; locale: Locale; reference: string }) {
  return (
    <section aria-labelledby="rest" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="rest" className="text-lg font-semibold text-slate-900">
        {t.payRestTitle}
      </h2>
      <MethodInstructions
        method={localizeMethod(payment.methodSnapshot!, locale)}
        amount={amount}
        currency={payment.currency}
        reference={reference}
        order={payment.orderId ?? payment.description}
        expiresAt={payment.expiresAt}
        locale={locale}
        t={t}
      />
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
