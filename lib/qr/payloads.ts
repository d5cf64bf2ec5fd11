// Builds the text inside standard payment QR codes (EPC/GiroCode, ST00012, UPI, BIP21) and validates the account
// details that go into them: one module per standard, chosen here.
import { buildBip21Payload, validateBip21 } from "./bip21";
import { buildEpcPayload, validateEpc } from "./epc";
import { buildSt00012Payload, validateSt00012 } from "./st00012";
import { buildUpiPayload, validateUpi } from "./upi";
import { isQrStandard, type QrBuildInput, type QrBuildResult, type QrFieldError, type QrFields, type QrStandard } from "./standards";
import { fail } from "./text";

export function validateQrFields(standard: QrStandard, fields: QrFields): QrFieldError[] {
  // Standards are stored as strings in the database; an unknown one must not throw in a form.
  if (!isQrStandard(standard)) return [{ field: "standard", message: "Choose a QR code standard." }];
  switch (standard) {
    case "epc":
      return validateEpc(fields);
    case "st00012":
      return validateSt00012(fields);
    case "upi":
      return validateUpi(fields);
    case "bip21":
      return validateBip21(fields);
  }
}

export function buildQrPayload(input: QrBuildInput): QrBuildResult {
  if (!isQrStandard(input.standard)) return fail("Choose a QR code standard.");
  switch (input.standard) {
    case "epc":
      return buildEpcPayload(input);
    case "st00012":
      return buildSt00012Payload(input);
    case "upi":
      return buildUpiPayload(input);
    case "bip21":
      return buildBip21Payload(input);
  }
}
