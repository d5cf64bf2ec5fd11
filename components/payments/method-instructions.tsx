// What a payer needs to pay with one method: copyable details, amount, reference, a standard QR code, the instructions.
// Shared by the customer page and the admin's "preview as customer".
import type { MethodSnapshot } from "@/db/schema";
import { fillTemplate, type Locale, type Messages } from "@/lib/i18n";
import { formatMoney, minorToDecimal } from "@/lib/money";
import { renderInstructionParts } from "@/lib/instructions";
import { dateTimeFormat } from "@/lib/time-zone";
import { localizeQrLabels } from "@/lib/payer-details";
import { buildQrPayload } from "@/lib/qr/payloads";
import { cachedQrSvg } from "@/lib/qr/svg";
import { creditorReference, formatCreditorReference, normalizeReference } from "@/lib/reference";
import { CopyButton } from "@/components/ui/copy-button";
import { GroupedText } from "@/components/ui/grouped-text";
import { InstructionsHtml } from "./instructions-html";

/**
 * One copyable line: the term, then the value with its Copy button inside the <dd> (a <dl>'s <div> may hold only
 * its <dt> and <dd>). Numbers wrap only between their groups (GroupedText).
 */
function CopyRow({ label, value, display, t, mono = false, big = false }: { label: string; value: string; display?: string; t: Messages; mono?: boolean; big?: boolean }) {
  return (
    <div className="py-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-0.5 flex items-center justify-between gap-3">
        <span className={`min-w-0 font-medium text-slate-900 ${big ? "text-xl" : "text-base"} ${mono ? "font-mono" : "break-words"}`}>
          {display ?? <GroupedText value={value} />}
        </span>
        <CopyButton value={value} label={fillTemplate(t.copyLabel, { label })} copyText={t.copy} copiedText={t.copied} />
      </dd>
    </div>
  );
}

/** What makes the transfer findable, together: the amount, the reference (and its RF form), and what to do with it. */
function ReferenceBlock({ amountValue, amountText, reference, rf, t }: { amountValue: string; amountText: string; reference: string; rf: string | null; t: Messages }) {
  return (
    <section aria-labelledby="reference-block" data-testid="reference-block" className="mt-3 rounded-xl bg-accent-50 px-4 ring-1 ring-accent-100">
      <h3 id="reference-block" className="sr-only">
        {t.referenceBlock}
      </h3>
      <dl className="grid divide-y divide-accent-100 @md:grid-cols-2 @md:gap-6 @md:divide-y-0">
        <CopyRow label={t.amount} value={amountValue} display={amountText} t={t} big />
        <CopyRow label={t.reference} value={reference} t={t} mono big />
      </dl>
      <p className="border-t border-accent-100 py-3 text-sm text-accent-800">{t.referenceHint}</p>
      {rf && (
        <div className="border-t border-accent-100">
          <dl>
            <CopyRow label={t.creditorReference} value={rf} display={formatCreditorReference(rf)} t={t} mono />
          </dl>
          <p className="pb-3 text-sm text-slate-700">{t.creditorReferenceHint}</p>
        </div>
      )}
    </section>
  );
}

export async function MethodInstructions(props: {
  method: MethodSnapshot;
  amount: number;
  currency: string;
  reference: string;
  order: string;
  expiresAt: number;
  locale: Locale;
  t: Messages;
  /** The admin's preview shows why a QR code could not be built; the payer simply does not get one. */
  showQrErrors?: boolean;
}) {
  const { method, t, locale } = props;
  const amountText = formatMoney(props.amount, props.currency, locale);
  // {{expires}} in text becomes a <time> in the viewer's zone (InstructionsHtml); in a link, the UTC time, named.
  const instructions = renderInstructionParts(method.instructions, {
    amount: amountText,
    reference: props.reference,
    order: props.order,
    expires: dateTimeFormat(locale, "UTC", true, true).format(props.expiresAt),
  });
  // Bank transfers also get the reference as an ISO 11649 creditor reference: banks with a structured-reference field
  // carry it to the statement untouched (the EPC QR code puts it there too), and the matcher reads it back.
  const ours = method.kind === "bank_transfer" ? normalizeReference(props.reference) : null;
  const rf = ours === null ? null : creditorReference(ours);
  let qr: { svg: string } | { error: string } | null = null;
  if (method.qrStandard) {
    const built = buildQrPayload({
      standard: method.qrStandard,
      fields: method.qrFields ?? {},
      amountMinor: props.amount,
      currency: props.currency,
      reference: props.reference,
      purpose: props.order,
    });
    qr = built.ok ? { svg: await cachedQrSvg(built.payload) } : { error: built.error };
  }
  const amountValue = minorToDecimal(props.amount, props.currency);
  // The lines the QR fields gave, labelled in the page's language (the merchant's own lines are translated by the method).
  const details = localizeQrLabels(method, locale);
  return (
    <div className="@container">
      <ReferenceBlock amountValue={amountValue} amountText={amountText} reference={props.reference} rf={rf} t={t} />
      <div className={qr && "svg" in qr ? "@xl:grid @xl:grid-cols-[1fr_14rem] @xl:items-start @xl:gap-6" : undefined}>
        {details.length > 0 && (
          <dl className="mt-2 divide-y divide-slate-200" data-testid="method-details">
            {details.map((d, i) => (
              <CopyRow key={i} label={d.label} value={d.value} t={t} mono={/\d{4}/.test(d.value)} />
            ))}
          </dl>
        )}
        {qr && "svg" in qr && (
          <figure className="mx-auto my-4 w-56 rounded-xl bg-white p-3 ring-1 ring-slate-200 @xl:col-start-2 @xl:row-start-1 @xl:w-full" data-testid="qr">
            <div role="img" aria-label={t.qrAlt} className="[&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qr.svg }} />
            <figcaption className="mt-2 text-center text-xs text-slate-600">{t.qrCaption}</figcaption>
          </figure>
        )}
      </div>
      {qr && "error" in qr && props.showQrErrors && (
        <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-200">
          No QR code for this payment: {qr.error}
        </p>
      )}
      {instructions.join("") && (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-slate-800">{t.howToPay}</h3>
          <InstructionsHtml className="prose-instructions mt-1 text-slate-800" parts={instructions} expiresAt={props.expiresAt} locale={locale} />
        </div>
      )}
    </div>
  );
}
