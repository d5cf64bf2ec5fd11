// Text rules the QR payload builders share: counting characters and bytes, free-text checks, the payer's memo.
import type { QrBuildInput, QrBuildResult, QrFieldError, QrFields } from "./standards";

/**
 * NPCI's linking spec and BIP21 set no lengths for a note. This is ours: long text only makes the QR code denser and
 * harder to scan, and EPC's 140 is a length banks already accept for a memo.
 */
export const NOTE_MAX = 140;

/** Byte-mode capacity of the largest QR code (version 40) at error correction level M. */
export const QR_MAX_BYTES_M = 2331;

/** Line breaks would split an EPC line in two; other controls are invisible in banking apps. */
export const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Code points, because the standards count characters and "€" or "Я" is one, not 3 bytes. */
export function charCount(s: string): number {
  return Array.from(s).length;
}

export function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function fieldText(fields: QrFields, key: string): string {
  const v = fields[key];
  return typeof v === "string" ? v.trim() : "";
}

/** Accounts are often copied with spaces between digit groups; those are not typos. */
export function digitsOnly(s: string): string {
  return s.replace(/\s+/g, "");
}

/**
 * Checks free text: required, no control characters, no banned separator, at most `max` characters.
 * `what` starts the message, e.g. "Name".
 */
export function textError(
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
export function memo(reference: string, purpose: string, max: number): string {
  if (purpose === "") return reference;
  const joined = reference === "" ? purpose : `${reference} ${purpose}`;
  return charCount(joined) <= max ? joined : reference;
}

export function cleanPurpose(purpose: string | undefined): string {
  // Purposes are descriptions typed by merchants; a stray newline there is not worth an error.
  return (purpose ?? "").replace(/\s+/g, " ").trim();
}

export function fail(error: string): QrBuildResult {
  return { ok: false, error };
}

export function firstError(errors: QrFieldError[]): string | null {
  return errors.length > 0 ? errors[0].message : null;
}

export function isPositiveMinor(minor: number): boolean {
  return Number.isSafeInteger(minor) && minor > 0;
}

/** Refuse here, with a sentence, what the QR encoder would otherwise throw on at render time. */
export function fitsQr(payload: string): QrBuildResult {
  return utf8Bytes(payload) > QR_MAX_BYTES_M
    ? fail("These details are too long to fit in a QR code. Shorten the name or the reference.")
    : { ok: true, payload };
}


export type BuildRules = {
  /** The one currency the standard carries, if it is tied to one. */
  currency?: { code: string; error: string };
  validate: (fields: QrFields) => QrFieldError[];
  /** Whether the amount must be positive (and below a standard's own bound); omitted when the payload has no amount. */
  amount?: { ok: (minor: number) => boolean; error: string };
  referenceMax: number;
  /** A separator of the standard that no text may contain. */
  banned?: string;
};

/**
 * The checks every builder starts with, in this order: its currency, its fields, the amount, the reference and the
 * purpose. Gives the trimmed reference and cleaned purpose, or the first problem as a failed result.
 */
export function checkBuildInput(
  input: QrBuildInput,
  rules: BuildRules,
): { ok: true; reference: string; purpose: string } | { ok: false; result: QrBuildResult } {
  const problem = (error: string) => ({ ok: false, result: fail(error) }) as const;
  if (rules.currency && input.currency !== rules.currency.code) return problem(rules.currency.error);
  const fieldError = firstError(rules.validate(input.fields));
  if (fieldError) return problem(fieldError);
  if (rules.amount && !rules.amount.ok(input.amountMinor)) return problem(rules.amount.error);
  const reference = input.reference.trim();
  const refError = textError(reference, "The reference", { required: false, max: rules.referenceMax, banned: rules.banned });
  if (refError) return problem(refError);
  const purpose = cleanPurpose(input.purpose);
  if (rules.banned && purpose.includes(rules.banned)) return problem(`The payment purpose can't contain the ${rules.banned} character.`);
  return { ok: true, reference, purpose };
}

export const POSITIVE_AMOUNT = { ok: isPositiveMinor, error: "The amount must be greater than zero." };
