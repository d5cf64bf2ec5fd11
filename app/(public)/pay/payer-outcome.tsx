// The payer's page once the payment is no longer open: being checked (with what the payer sent), approved (when),
// cancelled (why, and whom to ask) or expired. Part of pay-view.tsx.
import type { ReactNode } from "react";
import type { Payment } from "@/db/schema";
import type { Locale, Messages } from "@/lib/i18n";
import { localizeMethod } from "@/lib/method-translations";
import { buttonClass } from "@/components/ui/button";
import { GroupedText } from "@/components/ui/grouped-text";
import { LocalTime } from "@/components/ui/local-time";

type OutcomeProps = { payment: Payment; t: Messages; locale: Locale; reference: string; supportContact: string };

const box = "rounded-2xl p-5 shadow-sm ring-1";

export function Outcome(props: OutcomeProps) {
  switch (props.payment.status) {
    case "submitted":
      return <Submitted {...props} />;
    case "approved":
      return <Approved {...props} />;
    case "cancelled":
      return <Cancelled {...props} />;
    default:
      return <Expired {...props} />;
  }
}

function Submitted({ payment, t, locale }: OutcomeProps) {
  const method = payment.methodSnapshot ? localizeMethod(payment.methodSnapshot, locale) : null;
  return (
    <section role="status" aria-labelledby="outcome" className={`${box} bg-amber-50 ring-amber-200`}>
      <h2 id="outcome" className="text-lg font-semibold text-amber-950">
        {t.submittedTitle}
      </h2>
      <p className="mt-2 text-amber-950">{t.submittedBody}</p>
      <p className="mt-2 text-amber-950">{t.submittedNext}</p>
      <h3 className="mt-4 text-sm font-semibold text-amber-950">{t.whatYouSent}</h3>
      <dl className="mt-1 grid gap-x-6 gap-y-2 text-sm text-amber-950 sm:grid-cols-2" data-testid="what-you-sent">
        {method && <Fact label={t.methodLabel}>{method.name}</Fact>}
        {payment.submittedAt && (
          <Fact label={t.submittedAt}>
            <LocalTime ms={payment.submittedAt} locale={locale} zone />
          </Fact>
        )}
        {payment.transactionId && (
          <Fact label={t.transactionId}>
            <GroupedText value={payment.transactionId} className="font-mono" />
          </Fact>
        )}
        {payment.receiptFile && (
          <Fact label={t.receipt}>
            <span className="break-all">{payment.receiptName || t.receipt}</span>
          </Fact>
        )}
      </dl>
      {!payment.transactionId && !payment.receiptFile && <p className="mt-2 text-sm text-amber-900">{t.noneSent}</p>}
    </section>
  );
}

function Approved({ payment, t, locale }: OutcomeProps) {
  const method = payment.methodSnapshot ? localizeMethod(payment.methodSnapshot, locale) : null;
  return (
    <section role="status" aria-labelledby="outcome" className={`${box} bg-emerald-50 ring-emerald-200`}>
      <h2 id="outcome" className="text-lg font-semibold text-emerald-950">
        {t.approvedTitle}
      </h2>
      <p className="mt-2 text-emerald-950">{t.approvedBody}</p>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm text-emerald-950 sm:grid-cols-2">
        {payment.decidedAt && (
          <Fact label={t.approvedAt}>
            <LocalTime ms={payment.decidedAt} locale={locale} zone />
          </Fact>
        )}
        {method && <Fact label={t.methodLabel}>{method.name}</Fact>}
      </dl>
      {payment.returnUrl && (
        <a href={payment.returnUrl} rel="noopener noreferrer" className={buttonClass("primary", "mt-4 w-full py-3 text-base")}>
          {t.backToShop}
        </a>
      )}
    </section>
  );
}

function Cancelled(props: OutcomeProps) {
  const { payment, t } = props;
  return (
    <section role="status" aria-labelledby="outcome" className={`${box} bg-red-50 ring-red-200`}>
      <h2 id="outcome" className="text-lg font-semibold text-red-950">
        {t.cancelledTitle}
      </h2>
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

function Expired(props: OutcomeProps) {
  const { t } = props;
  return (
    <section role="status" aria-labelledby="outcome" className={`${box} bg-white ring-slate-200`}>
      <h2 id="outcome" className="text-lg font-semibold">
        {t.expiredTitle}
      </h2>
      <p className="mt-2 text-slate-700">{t.expiredBody}</p>
      {props.supportContact && (
        <p className="mt-2 text-sm text-slate-700">
          {t.contact}: <SupportContact contact={props.supportContact} />
        </p>
      )}
    </section>
  );
}

export function SupportContact({ contact }: { contact: string }) {
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

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="font-medium">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

