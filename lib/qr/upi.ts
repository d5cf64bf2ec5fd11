// UPI (India): the account details it needs and the payment link.
import { minorToDecimal } from "../money";
import type { QrBuildInput, QrBuildResult, QrFieldError, QrFields } from "./standards";
import { NOTE_MAX, POSITIVE_AMOUNT, checkBuildInput, fieldText, fitsQr, memo, textError } from "./text";

/** Ours: NPCI's linking spec sets no length for the payee's name. */
const UPI_NAME_MAX = 100;

const VPA_RE = /^[a-zA-Z0-9.\-_]{2,256}@[a-zA-Z]{2,64}$/;

export function validateUpi(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  if (!VPA_RE.test(fieldText(fields, "pa"))) errors.push({ field: "pa", message: "Enter a UPI ID like shop@okaxis." });
  const pn = textError(fieldText(fields, "pn"), "Name", {
    required: true,
    max: UPI_NAME_MAX,
    emptyMessage: "Enter the payee name.",
  });
  if (pn) errors.push({ field: "pn", message: pn });
  return errors;
}

/**
 * NPCI "UPI Linking Specifications" (deep link / QR): upi://pay?pa=…&pn=…&am=…&cu=INR&tn=…&tr=….
 * The note (tn) carries the reference too: tr is meant for registered merchants' systems, while
 * the note is what the owner of a personal UPI ID actually sees in their app.
 */
export function buildUpiPayload(input: QrBuildInput): QrBuildResult {
  const checked = checkBuildInput(input, {
    currency: { code: "INR", error: "UPI QR codes are for INR payments only." },
    validate: validateUpi,
    amount: POSITIVE_AMOUNT,
    referenceMax: NOTE_MAX,
  });
  if (!checked.ok) return checked.result;
  const { reference } = checked;
  const note = memo(reference, checked.purpose, NOTE_MAX);
  // A validated UPI ID only has unreserved characters and "@", which is legal in a query
  // (RFC 3986) and written literally in NPCI's own examples; %40 only makes the ID unreadable.
  const pa = encodeURIComponent(fieldText(input.fields, "pa")).replace("%40", "@");
  const params = [
    `pa=${pa}`,
    `pn=${encodeURIComponent(fieldText(input.fields, "pn"))}`,
    `am=${minorToDecimal(input.amountMinor, "INR")}`,
    "cu=INR",
  ];
  if (note !== "") params.push(`tn=${encodeURIComponent(note)}`);
  if (reference !== "") params.push(`tr=${encodeURIComponent(reference)}`);
  return fitsQr(`upi://pay?${params.join("&")}`);
}
