// Builds the text inside standard payment QR codes (EPC/GiroCode, ST00012, UPI, BIP21) and validates the account details that go into them.
import { minorToDecimal } from "../money";
import { ibanLength, ibanProblem, isValidBic, normalizeBic, normalizeIban } from "./iban";

export const QR_STANDARDS = ["epc", "st00012", "upi", "bip21"] as const;
export type QrStandard = (typeof QR_STANDARDS)[number];

export type QrFields = Record<string, string>;
export type QrFieldError = { field: string; message: string };

export type QrBuildInput = {
  standard: QrStandard;
  fields: QrFields;
  amountMinor: number;
  currency: string;
  reference: string;
  purpose?: string;
};

export type QrBuildResult = { ok: true; payload: string } | { ok: false; error: string };

export const QR_STANDARD_INFO: Record<QrStandard, { label: string; currencies: string[] | null }> = {
  epc: { label: "EPC QR (GiroCode, SEPA)", currencies: ["EUR"] },
  st00012: { label: "ST00012 (Russian bank payment QR)", currencies: ["RUB"] },
  upi: { label: "UPI", currencies: ["INR"] },
  // null = any: the BIP21 URI carries no amount (see buildBip21Payload), so the invoice currency
  // does not constrain it.
  bip21: { label: "BIP21 (Bitcoin)", currencies: null },
};

export const QR_FIELD_LABELS: Record<
  QrStandard,
  { key: string; label: string; hint?: string; required: boolean }[]
> = {
  epc: [
    { key: "name", label: "Account holder", hint: "As your bank has it, at most 70 characters.", required: true },
    { key: "iban", label: "IBAN", hint: "Like DE89 3704 0044 0532 0130 00.", required: true },
    { key: "bic", label: "BIC", hint: "8 or 11 characters, like COBADEFFXXX. Optional for IBANs from the EEA.", required: false },
  ],
  st00012: [
    { key: "name", label: "Recipient name", hint: "Company or person as the bank has it, at most 160 characters.", required: true },
    { key: "personalAcc", label: "Account number (расчётный счёт)", hint: "20 digits.", required: true },
    { key: "bankName", label: "Bank name", hint: "At most 45 characters.", required: true },
    { key: "bic", label: "BIC (БИК)", hint: "9 digits.", required: true },
    { key: "correspAcc", label: "Correspondent account (корр. счёт)", hint: "20 digits, usually starting 30101.", required: true },
  ],
  upi: [
    { key: "pa", label: "UPI ID", hint: "Like shop@okaxis.", required: true },
    { key: "pn", label: "Payee name", hint: "Shown to the payer in their UPI app.", required: true },
  ],
  bip21: [
    { key: "address", label: "Bitcoin address", hint: "Starts with 1, 3 or bc1.", required: true },
    { key: "label", label: "Label", hint: "Optional name shown in the payer's wallet.", required: false },
  ],
};

// ---------------------------------------------------------------------------------------------
// Limits. Where a number comes from a standard, the standard is named; the rest are our own.

/** EPC069-12: beneficiary name ≤ 70, unstructured remittance ≤ 140, whole payload ≤ 331 bytes. */
const EPC_NAME_MAX = 70;
const EPC_REMITTANCE_MAX = 140;
const EPC_PAYLOAD_MAX_BYTES = 331;
/** EPC069-12: amount 0.01 … 999999999.99 EUR. */
const EPC_AMOUNT_MAX_MINOR = 99_999_999_999;

/**
 * GOST R 56042-2014, table of required details (maximum lengths): Name 160, PersonalAcc 20,
 * BankName 45, BIC 9, CorrespAcc 20. Real accounts are always 20 digits and BICs 9, so we demand
 * exactly that to catch a dropped digit. Additional detail Purpose: 210.
 */
const ST_NAME_MAX = 160;
const ST_BANK_NAME_MAX = 45;
const ST_PURPOSE_MAX = 210;

/**
 * NPCI's linking spec and BIP21 set no lengths. These are ours: long text only makes the QR code
 * denser and harder to scan, and EPC's 140 is a length banks already accept for a memo.
 */
const UPI_NAME_MAX = 100;
const NOTE_MAX = 140;
const BIP21_LABEL_MAX = 70;

/** Byte-mode capacity of the largest QR code (version 40) at error correction level M. */
const QR_MAX_BYTES_M = 2331;

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Line breaks would split an EPC line in two; other controls are invisible in banking apps. */
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Code points, because the standards count characters and "€" or "Я" is one, not 3 bytes. */
function charCount(s: string): number {
  return Array.from(s).length;
}

function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

function get(fields: QrFields, key: string): string {
  const v = fields[key];
  return typeof v === "string" ? v.trim() : "";
}

/** Accounts are often copied with spaces between digit groups; those are not typos. */
function digitsOnly(s: string): string {
  return s.replace(/\s+/g, "");
}

/**
 * Checks free text: required, no control characters, no banned separator, at most `max` characters.
 * `what` starts the message, e.g. "Name".
 */
function textError(
  value: string,
  what: string,
  opts: { required: boolean; max: number; emptyMessage?: string; banned?: string },
): string | null {
  if (value === "") return opts.required ? (opts.emptyMessage ?? `Enter the ${what.toLowerCase()}.`) : null;
  if (CONTROL_RE.test(value)) return `${what} can't contain line breaks or control characters.`;
  if (opts.banned && value.includes(opts.banned)) return `${what} can't contain the ${opts.banned} character.`;
  if (charCount(value) > opts.max) return `${what} can be at most ${opts.max} characters.`;
  return null;
}

/**
 * The payer's memo: the reference always (it is how the merchant matches the payment), the
 * purpose after it only when both fit, because a cut-off purpose helps nobody.
 */
function memo(reference: string, purpose: string, max: number): string {
  if (purpose === "") return reference;
  const joined = reference === "" ? purpose : `${reference} ${purpose}`;
  return charCount(joined) <= max ? joined : reference;
}

function cleanPurpose(purpose: string | undefined): string {
  // Purposes are descriptions typed by merchants; a stray newline there is not worth an error.
  return (purpose ?? "").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// EPC

/**
 * EEA countries. EPC069-12 version 002 makes the BIC optional only within the EEA, because
 * SEPA transfers to CH, GB, MC, SM, AD, VA … still need it to be routed.
 */
const EEA = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
  "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]);

function ibanMessage(raw: string): string | null {
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

function validateEpc(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  const name = textError(get(fields, "name"), "Name", {
    required: true,
    max: EPC_NAME_MAX,
    emptyMessage: "Enter the account holder's name.",
  });
  if (name) errors.push({ field: "name", message: name });

  const ibanRaw = get(fields, "iban");
  const iban = ibanMessage(ibanRaw);
  if (iban) errors.push({ field: "iban", message: iban });

  const bic = get(fields, "bic");
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
  if (input.currency !== "EUR") return fail("EPC QR codes are for EUR payments only.");
  const fieldError = firstError(validateEpc(input.fields));
  if (fieldError) return fail(fieldError);
  if (!isPositiveMinor(input.amountMinor) || input.amountMinor > EPC_AMOUNT_MAX_MINOR) {
    return fail("EPC QR codes need an amount between 0.01 and 999999999.99 EUR.");
  }
  const reference = input.reference.trim();
  const refError = textError(reference, "The reference", { required: false, max: EPC_REMITTANCE_MAX });
  if (refError) return fail(refError);

  const build = (remittance: string): string => {
    const lines = [
      "BCD",
      "002",
      "1",
      "SCT",
      normalizeBic(get(input.fields, "bic")),
      get(input.fields, "name"),
      normalizeIban(get(input.fields, "iban")),
      `EUR${minorToDecimal(input.amountMinor, "EUR")}`,
      "", // purpose code (ISO 20022 ExternalPurpose1Code): we have none to offer
      "", // structured creditor reference: ours are not ISO 11649 RF references
      remittance,
      "", // beneficiary to originator information
    ];
    while (lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  };

  const purpose = cleanPurpose(input.purpose);
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

// ---------------------------------------------------------------------------------------------
// ST00012

/**
 * Bank of Russia account control key: weights 7,1,3 repeated over 3 digits taken from the BIC
 * followed by the 20-digit account; the weighted sum must end in 0.
 */
function ruKeyOk(bic: string, account: string, forCorrespondent: boolean): boolean {
  const prefix = forCorrespondent ? "0" + bic.slice(4, 6) : bic.slice(6, 9);
  const digits = prefix + account;
  const weights = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * weights[i % 3];
  return sum % 10 === 0;
}

function validateSt00012(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  const push = (field: string, message: string | null) => {
    if (message) errors.push({ field, message });
  };

  push("name", textError(get(fields, "name"), "Name", {
    required: true,
    max: ST_NAME_MAX,
    banned: "|",
    emptyMessage: "Enter the recipient's name.",
  }));

  const personalAcc = digitsOnly(get(fields, "personalAcc"));
  const bankName = get(fields, "bankName");
  const bic = digitsOnly(get(fields, "bic"));
  const correspAcc = digitsOnly(get(fields, "correspAcc"));
  const bicOk = /^\d{9}$/.test(bic);
  // The control key is only certain for accounts at commercial banks, whose correspondent account
  // at the Bank of Russia starts 30101. Treasury accounts (40102…) and accounts at the Bank of
  // Russia itself derive the key differently; we do not guess for those.
  const keyApplies = bicOk && /^30101\d{15}$/.test(correspAcc);

  if (!/^\d{20}$/.test(personalAcc)) push("personalAcc", "The account number must be exactly 20 digits.");
  else if (keyApplies && !ruKeyOk(bic, personalAcc, false)) {
    push("personalAcc", "The account number doesn't match the BIC — check both for a typo.");
  }

  push("bankName", textError(bankName, "Bank name", {
    required: true,
    max: ST_BANK_NAME_MAX,
    banned: "|",
    emptyMessage: "Enter the bank's name.",
  }));

  if (!bicOk) push("bic", "The BIC must be exactly 9 digits.");

  if (!/^\d{20}$/.test(correspAcc)) push("correspAcc", "The correspondent account must be exactly 20 digits.");
  else if (keyApplies && !ruKeyOk(bic, correspAcc, true)) {
    push("correspAcc", "The correspondent account doesn't match the BIC — check both for a typo.");
  }
  return errors;
}

/**
 * GOST R 56042-2014 "Standards of financial operations. Two-dimensional barcode symbols for
 * payments by individuals". Header "ST0001" + encoding flag "2" (UTF-8), then "|"-separated
 * Key=Value pairs; the five required details come first and in this order. The standard has no
 * escaping, so "|" inside any value is refused rather than silently altered.
 */
export function buildSt00012Payload(input: QrBuildInput): QrBuildResult {
  if (input.currency !== "RUB") return fail("ST00012 QR codes are for RUB payments only.");
  const fieldError = firstError(validateSt00012(input.fields));
  if (fieldError) return fail(fieldError);
  if (!isPositiveMinor(input.amountMinor)) return fail("The amount must be greater than zero.");
  const reference = input.reference.trim();
  const refError = textError(reference, "The reference", { required: false, max: ST_PURPOSE_MAX, banned: "|" });
  if (refError) return fail(refError);
  const purpose = cleanPurpose(input.purpose);
  if (purpose.includes("|")) return fail("The payment purpose can't contain the | character.");

  const f = input.fields;
  const parts = [
    "ST00012",
    `Name=${get(f, "name")}`,
    `PersonalAcc=${digitsOnly(get(f, "personalAcc"))}`,
    `BankName=${get(f, "bankName")}`,
    `BIC=${digitsOnly(get(f, "bic"))}`,
    `CorrespAcc=${digitsOnly(get(f, "correspAcc"))}`,
    // Sum is in kopecks, which is exactly our minor unit for RUB.
    `Sum=${input.amountMinor}`,
  ];
  const text = memo(reference, purpose, ST_PURPOSE_MAX);
  if (text !== "") parts.push(`Purpose=${text}`);
  return fitsQr(parts.join("|"));
}

// ---------------------------------------------------------------------------------------------
// UPI

const VPA_RE = /^[a-zA-Z0-9.\-_]{2,256}@[a-zA-Z]{2,64}$/;

function validateUpi(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  if (!VPA_RE.test(get(fields, "pa"))) errors.push({ field: "pa", message: "Enter a UPI ID like shop@okaxis." });
  const pn = textError(get(fields, "pn"), "Name", {
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
  const pa = encodeURIComponent(get(input.fields, "pa")).replace("%40", "@");
  const params = [
    `pa=${pa}`,
    `pn=${encodeURIComponent(get(input.fields, "pn"))}`,
    `am=${minorToDecimal(input.amountMinor, "INR")}`,
    "cu=INR",
  ];
  if (note !== "") params.push(`tn=${encodeURIComponent(note)}`);
  if (reference !== "") params.push(`tr=${encodeURIComponent(reference)}`);
  return fitsQr(`upi://pay?${params.join("&")}`);
}

// ---------------------------------------------------------------------------------------------
// BIP21

const BASE58_ADDRESS_RE = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_ADDRESS_RE = /^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71}$/;

function bech32Polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk;
}

/**
 * Segwit address check (BIP173 bech32 for version 0, BIP350 bech32m for versions 1–16), since a
 * BCH checksum is a few lines of pure code and catches any typo of up to 4 characters. Legacy
 * base58 addresses only get a shape check: their checksum needs SHA-256, which we keep out of
 * this browser-safe module.
 */
function isValidBech32Address(address: string): boolean {
  if (!BECH32_ADDRESS_RE.test(address)) return false;
  const data = Array.from(address.slice(3), (c) => BECH32_CHARSET.indexOf(c));
  // hrp "bc" expanded: high bits of each char, 0, low bits of each char.
  const checksum = bech32Polymod([3, 3, 0, 2, 3, ...data]);
  const version = data[0];
  if (version > 16) return false;
  if (checksum !== (version === 0 ? 1 : 0x2bc830a3)) return false;
  // The witness program: 5-bit groups between version and checksum, read as whole bytes.
  const bits = (data.length - 7) * 5;
  const bytes = Math.floor(bits / 8);
  if (bits - bytes * 8 >= 5) return false;
  const padBits = bits % 8;
  if (padBits > 0 && (data[data.length - 7] & ((1 << padBits) - 1)) !== 0) return false;
  if (bytes < 2 || bytes > 40) return false;
  return version !== 0 || bytes === 20 || bytes === 32;
}

/** bc1 addresses may be written in upper case (BIP173 allows it); we store and emit lower case. */
function normalizeBitcoinAddress(s: string): string {
  const t = s.trim();
  return /^BC1[A-Z0-9]+$/.test(t) ? t.toLowerCase() : t;
}

function validateBip21(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  const address = normalizeBitcoinAddress(get(fields, "address"));
  if (address.startsWith("bc1")) {
    if (!BECH32_ADDRESS_RE.test(address)) {
      errors.push({ field: "address", message: "Enter a Bitcoin address starting with 1, 3 or bc1." });
    } else if (!isValidBech32Address(address)) {
      errors.push({ field: "address", message: "This Bitcoin address has a typo — its checksum doesn't match." });
    }
  } else if (!BASE58_ADDRESS_RE.test(address)) {
    errors.push({ field: "address", message: "Enter a Bitcoin address starting with 1, 3 or bc1." });
  }
  const label = textError(get(fields, "label"), "Label", { required: false, max: BIP21_LABEL_MAX });
  if (label) errors.push({ field: "label", message: label });
  return errors;
}

/**
 * BIP21: bitcoin:<address>?label=…&message=…. Deliberately no amount: BIP21 amounts are in BTC,
 * our payments are in ISO fiat currencies, and converting at a rate we do not control would print
 * a wrong number into the payer's wallet. The payer converts the amount shown on the page.
 */
export function buildBip21Payload(input: QrBuildInput): QrBuildResult {
  const fieldError = firstError(validateBip21(input.fields));
  if (fieldError) return fail(fieldError);
  const reference = input.reference.trim();
  const refError = textError(reference, "The reference", { required: false, max: NOTE_MAX });
  if (refError) return fail(refError);

  const message = memo(reference, cleanPurpose(input.purpose), NOTE_MAX);
  const params: string[] = [];
  const label = get(input.fields, "label");
  if (label !== "") params.push(`label=${encodeURIComponent(label)}`);
  if (message !== "") params.push(`message=${encodeURIComponent(message)}`);
  const address = normalizeBitcoinAddress(get(input.fields, "address"));
  return fitsQr(`bitcoin:${address}${params.length > 0 ? `?${params.join("&")}` : ""}`);
}

// ---------------------------------------------------------------------------------------------
// Dispatch

function isQrStandard(s: string): s is QrStandard {
  return (QR_STANDARDS as readonly string[]).includes(s);
}

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

function fail(error: string): QrBuildResult {
  return { ok: false, error };
}

function firstError(errors: QrFieldError[]): string | null {
  return errors.length > 0 ? errors[0].message : null;
}

function isPositiveMinor(minor: number): boolean {
  return Number.isSafeInteger(minor) && minor > 0;
}

/** Refuse here, with a sentence, what the QR encoder would otherwise throw on at render time. */
function fitsQr(payload: string): QrBuildResult {
  return utf8Bytes(payload) > QR_MAX_BYTES_M
    ? fail("These details are too long to fit in a QR code. Shorten the name or the reference.")
    : { ok: true, payload };
}
