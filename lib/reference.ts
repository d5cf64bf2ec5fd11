// Short payment references that payers type into bank-transfer memos, with a check symbol to catch typos.
// Also in client bundles (the QR preview): its randomness is Web Crypto's (lib/random-pool), never node:crypto's.
import { randomBytesPooled } from "./random-pool";

/** Crockford base32: no I, L, O, U, so handwriting and fonts cannot turn one symbol into another. */
export const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = REFERENCE_ALPHABET.length; // 32

export const REFERENCE_BODY_LENGTH = 7;
export const REFERENCE_LENGTH = REFERENCE_BODY_LENGTH + 1;

function codePoint(symbol: string): number {
  const i = REFERENCE_ALPHABET.indexOf(symbol);
  if (i < 0 || symbol.length !== 1) throw new Error(`Not a reference symbol: ${JSON.stringify(symbol)}`);
  return i;
}

/** Luhn's "double every second symbol, add the base-N digits" step. */
function luhnSum(values: readonly number[], doubleFirstFromRight: boolean): number {
  let sum = 0;
  let double = doubleFirstFromRight;
  for (let i = values.length - 1; i >= 0; i--) {
    let v = values[i];
    if (double) {
      v *= 2;
      v = Math.floor(v / N) + (v % N);
    }
    sum += v;
    double = !double;
  }
  return sum % N;
}

/**
 * Luhn mod N check symbol. With N = 32 it catches every single-symbol substitution and every
 * swap of two adjacent different symbols except "0"↔"Z" (the mod-N analogue of Luhn's 09↔90).
 */
export function referenceCheckSymbol(body: string): string {
  const values = Array.from(body, codePoint);
  // The check symbol will sit rightmost, so the body's last symbol is the first to be doubled.
  return REFERENCE_ALPHABET[(N - luhnSum(values, true)) % N];
}

function hasValidCheck(ref: string): boolean {
  return luhnSum(Array.from(ref, codePoint), false) === 0;
}

/**
 * 7 random symbols (35 bits) + check symbol. Each symbol is 5 raw bits, so every symbol is
 * exactly equally likely; a `byte % 32` style mapping would need rejection to stay unbiased.
 */
export function generateReference(randomBytes: (n: number) => Uint8Array = randomBytesPooled): string {
  const bytes = randomBytes(Math.ceil((REFERENCE_BODY_LENGTH * 5) / 8));
  let body = "";
  let acc = 0;
  let bits = 0;
  let next = 0;
  while (body.length < REFERENCE_BODY_LENGTH) {
    if (bits < 5) {
      if (next >= bytes.length) throw new Error("randomBytes returned too few bytes");
      acc = ((acc << 8) | bytes[next++]) & 0xfff; // at most 12 live bits are ever needed
      bits += 8;
    }
    bits -= 5;
    body += REFERENCE_ALPHABET[(acc >> bits) & 31];
  }
  return body + referenceCheckSymbol(body);
}

const REFERENCE_RE = new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);

/** "ABCD-EFGH" for display; anything that is not a stored reference is shown unchanged. */
export function formatReference(ref: string): string {
  if (!REFERENCE_RE.test(ref)) return ref;
  return `${ref.slice(0, 4)}-${ref.slice(4)}`;
}

/**
 * Turns whatever a payer or bank statement shows into the stored form, or null.
 * Separators are dropped because banks and people add them freely; O/I/L are read as 0/1/1
 * as Crockford intends, since those letters never appear in a generated reference.
 */
export function normalizeReference(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212._]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!REFERENCE_RE.test(s)) return null;
  return hasValidCheck(s) ? s : null;
}

/** ISO 11649 letters-to-digits (A=10 … Z=35), then mod 97 digit by digit, so it stays exact in a number. */
function mod97(alnum: string): number {
  let rest = 0;
  for (const ch of alnum) {
    const v = ch >= "A" && ch <= "Z" ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest;
}

/** Our reference as an ISO 11649 creditor reference: "RF" + 2 check digits + the reference. */
export function creditorReference(ref: string): string {
  const check = 98 - mod97(`${ref}RF00`);
  return `RF${String(check).padStart(2, "0")}${ref}`;
}

/** Whether an RF reference (any separators, any case) has a valid ISO 11649 check. */
export function isValidCreditorReference(input: string): boolean {
  const s = input.toUpperCase().replace(/[\s-]/g, "");
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(s)) return false;
  return mod97(s.slice(4) + s.slice(0, 4)) === 1;
}

/** "RF18 ABCD 1234" style grouping for display (banks print RF references in fours). */
export function formatCreditorReference(rf: string): string {
  return rf.replace(/(.{4})(?=.)/g, "$1 ");
}
