// IBAN and BIC checks, so a mistyped account is caught before it is printed into a payer's QR code.

/**
 * IBAN length per country, from the SWIFT IBAN registry (ISO 13616). Every SEPA country is here,
 * plus the other registry countries, because a wrong length is the cheapest typo to explain.
 * Territories that use another country's IBANs (Jersey → GB, Réunion → FR, Åland → FI …) have
 * no entry of their own: their IBANs start with the parent's code.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27,
  JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25,
  MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
});

/** The IBAN's expected length for a country code, or undefined if the country has no IBANs. */
export function ibanLength(countryCode: string): number | undefined {
  // hasOwn, so "__proto__" or "toString" never look like countries.
  return Object.prototype.hasOwnProperty.call(IBAN_LENGTHS, countryCode)
    ? IBAN_LENGTHS[countryCode]
    : undefined;
}

/** Strips all whitespace (including the no-break spaces banks' web pages paste) and upper-cases. */
export function normalizeIban(s: string): string {
  return s.replace(/\s+/g, "").toUpperCase();
}

export type IbanProblem = "format" | "country" | "length" | "checksum";

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]+$/;

/**
 * ISO 7064 MOD 97-10 over the rearranged IBAN. Letters expand to two digits (A = 10 … Z = 35),
 * and the remainder is carried one symbol at a time, so the running value stays below 9,800 and
 * never needs BigInt however long the IBAN is.
 */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = parseInt(ch, 36);
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder;
}

/** Why an IBAN is invalid, most basic problem first, or null when it is valid. */
export function ibanProblem(s: string): IbanProblem | null {
  const iban = normalizeIban(s);
  if (!IBAN_SHAPE.test(iban) || iban.length > 34) return "format";
  const expected = ibanLength(iban.slice(0, 2));
  if (expected === undefined) return "country";
  if (iban.length !== expected) return "length";
  return ibanMod97(iban) === 1 ? null : "checksum";
}

export function isValidIban(s: string): boolean {
  return ibanProblem(s) === null;
}

/** Print format (ISO 13616): groups of four, so people can compare it with their bank letter. */
export function formatIban(s: string): string {
  return normalizeIban(s).replace(/(.{4})(?=.)/g, "$1 ");
}

export function normalizeBic(s: string): string {
  return s.replace(/\s+/g, "").toUpperCase();
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
const BIC_RE = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

export function isValidBic(s: string): boolean {
  return BIC_RE.test(normalizeBic(s));
}
