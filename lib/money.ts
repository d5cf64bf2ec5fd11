// Money as integer minor units: parsing typed amounts, exact decimal strings, display and limit checks.

/**
 * ISO 4217 minor-unit exponents of the currencies a payer can actually hold and transfer.
 * Fund codes (BOV, CHE, CHW, COU, MXV, USN, UYI), units of account (CLF, UYW), precious
 * metals and SDR/testing codes are left out on purpose: nobody pays an invoice in them, and
 * several have no exponent at all. Crypto (BTC etc.) is not ISO 4217 and must not sneak in.
 * Exponents follow the standard even where everyday use differs (HUF, IDR have 2), because
 * banks and Intl.NumberFormat use the ISO value.
 */
export const CURRENCY_EXPONENTS: Record<string, number> = Object.freeze({
  // Exponent 0
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // Exponent 3
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // Exponent 2
  AED: 2, AFN: 2, ALL: 2, AMD: 2, AOA: 2, ARS: 2, AUD: 2, AWG: 2, AZN: 2, BAM: 2,
  BBD: 2, BDT: 2, BGN: 2, BMD: 2, BND: 2, BOB: 2, BRL: 2, BSD: 2, BTN: 2, BWP: 2,
  BYN: 2, BZD: 2, CAD: 2, CDF: 2, CHF: 2, CNY: 2, COP: 2, CRC: 2, CUP: 2, CVE: 2,
  CZK: 2, DKK: 2, DOP: 2, DZD: 2, EGP: 2, ERN: 2, ETB: 2, EUR: 2, FJD: 2, FKP: 2,
  GBP: 2, GEL: 2, GHS: 2, GIP: 2, GMD: 2, GTQ: 2, GYD: 2, HKD: 2, HNL: 2, HTG: 2,
  HUF: 2, IDR: 2, ILS: 2, INR: 2, IRR: 2, JMD: 2, KES: 2, KGS: 2, KHR: 2, KPW: 2,
  KYD: 2, KZT: 2, LAK: 2, LBP: 2, LKR: 2, LRD: 2, LSL: 2, MAD: 2, MDL: 2, MGA: 2,
  MKD: 2, MMK: 2, MNT: 2, MOP: 2, MRU: 2, MUR: 2, MVR: 2, MWK: 2, MXN: 2, MYR: 2,
  MZN: 2, NAD: 2, NGN: 2, NIO: 2, NOK: 2, NPR: 2, NZD: 2, PEN: 2, PGK: 2, PHP: 2,
  PKR: 2, PLN: 2, QAR: 2, RON: 2, RSD: 2, RUB: 2, SAR: 2, SBD: 2, SCR: 2, SDG: 2,
  SEK: 2, SGD: 2, SHP: 2, SLE: 2, SOS: 2, SRD: 2, SSP: 2, STN: 2, SVC: 2, SYP: 2,
  SZL: 2, THB: 2, TJS: 2, TMT: 2, TOP: 2, TRY: 2, TTD: 2, TWD: 2, TZS: 2, UAH: 2,
  USD: 2, UYU: 2, UZS: 2, VED: 2, VES: 2, WST: 2, XCD: 2, XCG: 2, YER: 2, ZAR: 2,
  ZMW: 2, ZWG: 2,
});

export const CURRENCIES: readonly string[] = Object.freeze(Object.keys(CURRENCY_EXPONENTS).sort());

/** Largest amount we store, in minor units: 12 digits keeps every value far inside 2^53. */
const MAX_MINOR = 999_999_999_999;
const MAX_MINOR_DIGITS = 12;

export function isCurrency(code: string): boolean {
  // hasOwn, so "toString" or "__proto__" are not mistaken for currencies.
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, code);
}

export function currencyExponent(code: string): number {
  if (!isCurrency(code)) throw new Error(`Unknown currency: ${code}`);
  return CURRENCY_EXPONENTS[code];
}

export type AmountError = "empty" | "format" | "not_positive" | "too_many_decimals" | "too_large" | "unknown_currency";

export type ParseAmountResult = { ok: true; minor: number } | { ok: false; error: AmountError };

// ASCII digits only (no `u` flag, so \d never matches Arabic-Indic or full-width digits).
// Either "123", "123.45", "123,45" or ".45"; "5." is rejected because it usually means a typo.
const AMOUNT_RE = /^(\d*)(?:[.,](\d+))?$/;

function matchAmount(s: string): { int: string; frac: string } | null {
  const m = AMOUNT_RE.exec(s);
  if (!m) return null;
  const int = m[1];
  const frac = m[2];
  if (int === "" && frac === undefined) return null;
  return { int, frac: frac ?? "" };
}

/**
 * Parses what a person typed into an amount field. All arithmetic happens on the digit
 * string, so "19.99" becomes exactly 1999 and never 1998.9999999999998.
 */
export function parseAmount(input: string, currency: string): ParseAmountResult {
  if (!isCurrency(currency)) return { ok: false, error: "unknown_currency" };
  const s = input.trim();
  if (s === "") return { ok: false, error: "empty" };

  if (s.startsWith("-")) {
    // "-5" is a well-formed but negative amount: tell the user it must be positive, not that
    // they typed gibberish.
    return { ok: false, error: matchAmount(s.slice(1)) ? "not_positive" : "format" };
  }

  const parts = matchAmount(s);
  if (!parts) return { ok: false, error: "format" };

  const exp = CURRENCY_EXPONENTS[currency];
  // Strict even for trailing zeros: "19.990" EUR suggests a mistyped amount or wrong currency.
  if (parts.frac.length > exp) return { ok: false, error: "too_many_decimals" };

  const digits = (parts.int + parts.frac.padEnd(exp, "0")).replace(/^0+/, "");
  if (digits === "") return { ok: false, error: "not_positive" };
  // Digit count decides before Number() ever sees the string, so huge inputs cannot round.
  if (digits.length > MAX_MINOR_DIGITS) return { ok: false, error: "too_large" };
  return { ok: true, minor: Number(digits) };
}

function decimalsPhrase(exp: number): string {
  return exp === 1 ? "1 decimal place" : `${exp} decimal places`;
}

export function amountErrorMessage(error: AmountError, currency: string): string {
  const exp = isCurrency(currency) ? CURRENCY_EXPONENTS[currency] : 2;
  switch (error) {
    case "empty":
      return "Enter an amount.";
    case "format":
      return `Enter an amount like ${exp === 0 ? "1999" : `19.${"9".repeat(exp)}`}.`;
    case "not_positive":
      return "The amount must be greater than zero.";
    case "too_many_decimals":
      return exp === 0
        ? `${currency} amounts have no decimal places.`
        : `${currency} amounts have at most ${decimalsPhrase(exp)}.`;
    case "too_large":
      return isCurrency(currency)
        ? `The amount must be at most ${minorToDecimal(MAX_MINOR, currency)} ${currency}.`
        : "The amount is too large.";
    case "unknown_currency":
      return `${currency} is not a supported currency.`;
  }
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw new RangeError(`Invalid minor-unit amount: ${minor}`);
  }
}

/** Exact major-unit decimal string, e.g. (1500, "KWD") → "1.500"; no grouping, no rounding. */
export function minorToDecimal(minor: number, currency: string): string {
  assertMinor(minor);
  const exp = currencyExponent(currency);
  const digits = String(minor);
  if (exp === 0) return digits;
  const padded = digits.padStart(exp + 1, "0");
  return `${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

// Building an Intl.NumberFormat costs far more than using one (tens of µs against one), and a dashboard page formats
// dozens of amounts: keep one per locale and currency. Bounded, since locales come from request headers.
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 256;

// An amount formatted once is kept (ICU's formatting of a decimal string takes several µs): a bank import writes
// an amount or two into each of thousands of events, and pages show the same amounts again and again. Bounded.
const formatted = new Map<string, string>();
const MAX_FORMATTED = 4096;

/** Human display only; never parse this back. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const memoKey = `${minor}|${currency}|${locale === undefined ? "\u0000" : locale}`;
  const known = formatted.get(memoKey);
  if (known !== undefined) return known;
  const text = formatFresh(minor, currency, locale);
  if (formatted.size >= MAX_FORMATTED) formatted.clear();
  formatted.set(memoKey, text);
  return text;
}

function formatFresh(minor: number, currency: string, locale: string | undefined): string {
  const exp = currencyExponent(currency);
  const decimal = minorToDecimal(minor, currency);
  const key = `${locale === undefined ? "\u0000" : locale}|${currency}`;
  let nf = formatters.get(key);
  if (!nf) {
    const options: Intl.NumberFormatOptions = {
      style: "currency",
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    };
    try {
      nf = new Intl.NumberFormat(locale, options);
    } catch (e) {
      // Locales come from Accept-Language or user settings; a malformed tag must not break a page.
      if (!(e instanceof RangeError)) throw e;
      nf = new Intl.NumberFormat("en", options);
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, nf);
  }
  // A string argument is formatted as an exact decimal (Intl.NumberFormat v3), so amounts
  // beyond 2^53 / 10^exp precision would still print correctly.
  return nf.format(decimal as `${number}`);
}

const DECIMAL_RE = /^(\d+)(?:[.,](\d+))?$/;

/** Compares two non-negative decimal strings ("10", "0.5", "1000,000") exactly, as integers at a common scale. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const [x, y] = [a, b].map((s) => {
    const m = DECIMAL_RE.exec(s.trim());
    if (!m) throw new Error(`Invalid decimal: ${JSON.stringify(s)}`);
    return { int: m[1], frac: m[2] ?? "" };
  });
  const scale = Math.max(x.frac.length, y.frac.length);
  const left = BigInt(x.int + x.frac.padEnd(scale, "0"));
  const right = BigInt(y.int + y.frac.padEnd(scale, "0"));
  return left < right ? -1 : left > right ? 1 : 0;
}

const LIMIT_RE = /^\d+(?:[.,]\d{1,3})?$/;

/**
 * Compares an amount to a payment method's min/max limit, written in major units
 * ("10", "0.5", "1000.000"), so "0.1" vs 10 minor EUR is exactly equal rather than approximately.
 */
export function compareMinorToLimit(minor: number, currency: string, limit: string): -1 | 0 | 1 {
  if (!LIMIT_RE.test(limit.trim())) throw new Error(`Invalid limit: ${JSON.stringify(limit)}`);
  return compareDecimals(minorToDecimal(minor, currency), limit);
}

export type SignedDecimalResult = { ok: true; minor: number } | { ok: false; error: Exclude<AmountError, "not_positive"> };

const SIGNED_DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d+))?$/;

/**
 * A machine-written amount ("1234.50", "-12.00", "+0.5") to signed minor units, by string arithmetic.
 * Unlike parseAmount it takes a sign, allows zero, and allows zeros beyond the currency's exponent,
 * because bank files write JPY as "1000.00" and XML amounts may carry up to 5 decimals; a non-zero
 * digit beyond the exponent is still an error. Only a point is a decimal mark: callers normalise first.
 */
export function parseSignedDecimal(input: string, currency: string): SignedDecimalResult {
  if (!isCurrency(currency)) return { ok: false, error: "unknown_currency" };
  const s = input.trim();
  if (s === "") return { ok: false, error: "empty" };
  const m = SIGNED_DECIMAL_RE.exec(s);
  if (!m || (m[2] === "" && m[3] === undefined)) return { ok: false, error: "format" };
  const exp = CURRENCY_EXPONENTS[currency];
  const frac = (m[3] ?? "").replace(/0+$/, "");
  if (frac.length > exp) return { ok: false, error: "too_many_decimals" };
  const digits = (m[2] + frac.padEnd(exp, "0")).replace(/^0+/, "");
  if (digits.length > MAX_MINOR_DIGITS) return { ok: false, error: "too_large" };
  const minor = digits === "" ? 0 : Number(digits);
  return { ok: true, minor: m[1] === "-" && minor !== 0 ? -minor : minor };
}
