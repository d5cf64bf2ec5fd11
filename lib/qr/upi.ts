// UPI (India): the account details it needs and the payment link.
import { minorToDecimal } from "../money";
import type { QrBuildInput, QrBuildResult, QrFieldError, QrFields } from "./standards";
import { NOTE_MAX, cleanPurpose, fail, fieldText, firstError, fitsQr, isPositiveMinor, memo, textError } from "./text";

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
  if (input.currency !== "INR") return fail("UPI QR codes are for INR payments only.");
  const fieldError = firstError(validateUpi(input.fields));
  if (fieldError) return fail(fieldError);
  if (!isPositiveMinor(input.amountMinor)) return fail("The amount must be greater than zero.");
  const reference = input.reference.trim();
  const refError = textError(reference, "The reference", { required: false, max: NOTE_MAX });
  if (refError) return fail(refError);

  const note = memo(reference, cleanPurpose(input.purpose), NOTE_MAX);
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
