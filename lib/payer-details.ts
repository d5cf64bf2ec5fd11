// The account details a payer copies: the QR standard's account fields (entered once, in the method form's QR
// section) followed by the method's other lines. A line that repeats a QR field's value is left out, so methods saved
// before the two were joined do not show the IBAN twice.
import type { MethodDetail } from "./method-kinds";
import { QR_FIELD_LABELS, type QrStandard } from "./qr/standards";

/** The QR fields a payer copies, in order, by the label the payer sees; the rest (a wallet's label) are not details. */
const PAYER_QR_FIELDS: Record<QrStandard, { key: string; label: string; group?: boolean }[]> = {
  epc: [
    { key: "name", label: "Account holder" },
    { key: "iban", label: "IBAN", group: true },
    { key: "bic", label: "BIC" },
  ],
  st00012: [
    { key: "name", label: "Recipient" },
    { key: "personalAcc", label: "Account number" },
    { key: "bankName", label: "Bank" },
    { key: "bic", label: "BIC" },
    { key: "correspAcc", label: "Correspondent account" },
  ],
  upi: [
    { key: "pa", label: "UPI ID" },
    { key: "pn", label: "Payee name" },
  ],
  bip21: [{ key: "address", label: "Bitcoin address" }],
};

const compact = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** An IBAN in groups of four, as banks print it. */
function groupIban(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
}

/** The QR fields as details, in the standard's order; empty fields are skipped. */
export function qrDetails(standard: QrStandard | null | undefined, fields: Record<string, string> | null | undefined): MethodDetail[] {
  if (!standard || !fields) return [];
  return PAYER_QR_FIELDS[standard]
    .filter((f) => fields[f.key]?.trim())
    .map((f) => ({ label: f.label, value: f.group ? groupIban(fields[f.key]) : fields[f.key].trim() }));
}

/** Everything the payer copies: the QR fields, then the other lines that do not repeat them. */
export function payerDetails(method: { details: readonly MethodDetail[]; qrStandard?: QrStandard | null; qrFields?: Record<string, string> | null }): MethodDetail[] {
  const fromQr = qrDetails(method.qrStandard, method.qrFields);
  const seen = new Set(fromQr.map((d) => compact(d.value)));
  return [...fromQr, ...method.details.filter((d) => !seen.has(compact(d.value)))];
}

/** The QR fields' labels as the method form shows them, to say which lines the QR section already gives. */
export function qrDetailLabels(standard: QrStandard): string[] {
  const keys = new Set(PAYER_QR_FIELDS[standard].map((f) => f.key));
  return QR_FIELD_LABELS[standard].filter((f) => keys.has(f.key)).map((f) => f.label);
}
