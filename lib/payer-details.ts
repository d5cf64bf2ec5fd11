// The account details a payer copies: the QR standard's account fields (entered once, in the method form's QR
// section) followed by the method's other lines. A line that repeats a QR field's value is left out, so methods saved
// before the two were joined do not show the IBAN twice.
import { MESSAGES, type Locale, type Messages } from "./i18n";
import type { MethodDetail } from "./method-kinds";
import { QR_FIELD_LABELS, type QrStandard } from "./qr/standards";

/** The QR fields a payer copies, in order, by the label the payer sees (a key of the page's words, lib/i18n.ts); the rest (a wallet's label) are not details. */
type QrLabel = keyof Messages & `qr${string}`;
const PAYER_QR_FIELDS: Record<QrStandard, { key: string; label: QrLabel; group?: boolean }[]> = {
  epc: [
    { key: "name", label: "qrAccountHolder" },
    { key: "iban", label: "qrIban", group: true },
    { key: "bic", label: "qrBic" },
  ],
  st00012: [
    { key: "name", label: "qrRecipient" },
    { key: "personalAcc", label: "qrAccountNumber" },
    { key: "bankName", label: "qrBankName" },
    { key: "bic", label: "qrRussianBic" },
    { key: "correspAcc", label: "qrCorrespondentAccount" },
  ],
  upi: [
    { key: "pa", label: "qrUpiId" },
    { key: "pn", label: "qrPayeeName" },
  ],
  bip21: [{ key: "address", label: "qrBitcoinAddress" }],
};

const compact = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** An IBAN in groups of four, as banks print it. */
function groupIban(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
}

/** The QR fields as details, in the standard's order, labelled in `locale` (English, as snapshots keep them); empty fields are skipped. */
export function qrDetails(standard: QrStandard | null | undefined, fields: Record<string, string> | null | undefined, locale: Locale = "en"): MethodDetail[] {
  if (!standard || !fields) return [];
  const t = MESSAGES[locale];
  return PAYER_QR_FIELDS[standard]
    .filter((f) => fields[f.key]?.trim())
    .map((f) => ({ label: t[f.label], value: f.group ? groupIban(fields[f.key]) : fields[f.key].trim() }));
}

type WithQr = { details: readonly MethodDetail[]; qrStandard?: QrStandard | null; qrFields?: Record<string, string> | null };

/**
 * A method's (or its snapshot's) details with the lines its QR fields gave labelled in the payer's language: a line is
 * one of them when it has that field's English label and value, as payerDetails made it. The merchant's own lines stay
 * as they are (their translations are the method's own, lib/method-translations.ts).
 */
export function localizeQrLabels(method: WithQr, locale: Locale): MethodDetail[] {
  if (locale === "en") return [...method.details];
  const english = qrDetails(method.qrStandard, method.qrFields);
  const local = qrDetails(method.qrStandard, method.qrFields, locale);
  return method.details.map((d) => {
    const i = english.findIndex((e) => e.label === d.label && e.value === d.value);
    return i < 0 ? d : { ...d, label: local[i].label };
  });
}

/** Everything the payer copies: the QR fields, then the other lines that do not repeat them. */
export function payerDetails(method: WithQr): MethodDetail[] {
  const fromQr = qrDetails(method.qrStandard, method.qrFields);
  const seen = new Set(fromQr.map((d) => compact(d.value)));
  return [...fromQr, ...method.details.filter((d) => !seen.has(compact(d.value)))];
}

/** The QR fields' labels as the method form shows them, to say which lines the QR section already gives. */
export function qrDetailLabels(standard: QrStandard): string[] {
  const keys = new Set(PAYER_QR_FIELDS[standard].map((f) => f.key));
  return QR_FIELD_LABELS[standard].filter((f) => keys.has(f.key)).map((f) => f.label);
}
