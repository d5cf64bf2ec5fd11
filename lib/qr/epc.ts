// EPC QR (GiroCode, SEPA credit transfer, EPC069-12): the account details it needs and the payload.
import { minorToDecimal } from "../money";
import { creditorReference, normalizeReference } from "../reference";
import { ibanLength, ibanProblem, isValidBic, normalizeBic, normalizeIban } from "./iban";
import type { QrBuildInput, QrBuildResult, QrFieldError, QrFields } from "./standards";
import { checkBuildInput, fail, fieldText, isPositiveMinor, memo, textError, utf8Bytes } from "./text";

/** EPC069-12: beneficiary name ≤ 70, unstructured remittance ≤ 140, whole payload ≤ 331 bytes. */
const EPC_NAME_MAX = 70;
const EPC_REMITTANCE_MAX = 140;
const EPC_PAYLOAD_MAX_BYTES = 331;
/** EPC069-12: amount 0.01 … 999999999.99 EUR. */
const EPC_AMOUNT_MAX_MINOR = 99_999_999_999;

/**
 * EEA countries. EPC069-12 version 002 makes the BIC optional only within the EEA, because
 * SEPA transfers to CH, GB, MC, SM, AD, VA … still need it to be routed.
 */
const EEA = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
  "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]);

/** The method form's message for an IBAN that is not one (also used by the bank account form), or null. */
export function ibanMessage(raw: string): string | null {
  if (raw === "") return "Enter an IBAN.";
  const iban = normalizeIban(raw);
  switch (ibanProblem(iban)) {
    case null:
      return null;
    case "format":
      return "Enter an IBAN like DE89 3704 0044 0532 0130 00.";
    case "country":
      return `${iban.slice(0, 2)} is not a country that uses IBANs.`;
    case "length":
      return `IBANs from ${iban.slice(0, 2)} have ${ibanLength(iban.slice(0, 2))} characters; this one has ${iban.length}.`;
    case "checksum":
      return "IBAN checksum is wrong — check for a typo.";
  }
}

export function validateEpc(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  const name = textError(fieldText(fields, "name"), "Name", {
    required: true,
    max: EPC_NAME_MAX,
    emptyMessage: "Enter the account holder's name.",
  });
  if (name) errors.push({ field: "name", message: name });

  const ibanRaw = fieldText(fields, "iban");
  const iban = ibanMessage(ibanRaw);
  if (iban) errors.push({ field: "iban", message: iban });

  const bic = fieldText(fields, "bic");
  if (bic !== "" && !isValidBic(bic)) {
    errors.push({ field: "bic", message: "BIC must be 8 or 11 characters, like COBADEFFXXX." });
  } else if (bic === "" && !iban && !EEA.has(normalizeIban(ibanRaw).slice(0, 2))) {
    errors.push({ field: "bic", message: "A BIC is required for IBANs from outside the EEA." });
  }
  return errors;
}

/**
 * EPC069-12 "Quick Response Code: Guidelines to Enable Data Capture for the Initiation of a SEPA
 * Credit Transfer", version 002, character set 1 (UTF-8), identification SCT. Empty trailing
 * elements are left out, as the guidelines allow: the last populated element ends the payload,
 * with no line feed after it.
 */
export function buildEpcPayload(input: QrBuildInput): QrBuildResult {
  const checked = checkBuildInput(input, {
    currency: { code: "EUR", error: "EPC QR codes are for EUR payments only." },
    validate: validateEpc,
    amount: {
      ok: (minor: number) => isPositiveMinor(minor) && minor <= EPC_AMOUNT_MAX_MINOR,
      error: "EPC QR codes need an amount between 0.01 and 999999999.99 EUR.",
    },
    referenceMax: EPC_REMITTANCE_MAX,
  });
  if (!checked.ok) return checked.result;
  const { reference, purpose } = checked;

  // Our own reference goes in as an ISO 11649 creditor reference, which banks carry through to the
  // statement's structured field untouched; EPC069-12 allows it or unstructured text, never both, so
  // the purpose is left out then. Any other reference stays unstructured text, as before.
  const ours = normalizeReference(reference);
  const structured = ours === null ? "" : creditorReference(ours);

  const build = (remittance: string): string => {
    const lines = [
      "BCD",
      "002",
      "1",
      "SCT",
      normalizeBic(fieldText(input.fields, "bic")),
      fieldText(input.fields, "name"),
      normalizeIban(fieldText(input.fields, "iban")),
      `EUR${minorToDecimal(input.amountMinor, "EUR")}`,
      "", // purpose code (ISO 20022 ExternalPurpose1Code): we have none to offer
      structured,
      structured === "" ? remittance : "",
      "", // beneficiary to originator information
    ];
    while (lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  };

  let payload = build(memo(reference, purpose, EPC_REMITTANCE_MAX));
  // The purpose is a nice-to-have: drop it rather than refuse a code that fits without it.
  if (utf8Bytes(payload) > EPC_PAYLOAD_MAX_BYTES) payload = build(reference);
  const bytes = utf8Bytes(payload);
  if (bytes > EPC_PAYLOAD_MAX_BYTES) {
    return fail(
      `These details make an EPC QR code of ${bytes} bytes, over the limit of ${EPC_PAYLOAD_MAX_BYTES}. Shorten the name or the reference.`,
    );
  }
  return { ok: true, payload };
}
