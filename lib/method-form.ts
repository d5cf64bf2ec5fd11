// Reads and checks the admin's payment method form: every problem is reported against its own field.
import { z } from "zod";
import type { MethodKind, ReceiptMode } from "./method-kinds";
import { compareDecimals, isCurrency } from "./money";
import { validateQrFields } from "./qr/payloads";
import { QR_FIELD_LABELS, QR_STANDARD_INFO, QR_STANDARDS, type QrStandard } from "./qr/standards";
import { parseTranslations, translationValues, type MethodTranslations } from "./method-translations";

export const METHOD_KIND_LABELS = {
  bank_transfer: "Bank transfer",
  card_transfer: "Card transfer",
  e_wallet: "E-wallet",
  cash: "Cash",
  crypto: "Crypto",
  other: "Other",
} as const satisfies Record<MethodKind, string>;
export type MethodKindValue = MethodKind;

export const RECEIPT_MODE_LABELS = { off: "Not asked", optional: "Optional", required: "Required" } as const satisfies Record<ReceiptMode, string>;
export type ReceiptModeValue = ReceiptMode;

export const MAX_DETAIL_ROWS = 20;

export type MethodFormValues = {
  name: string;
  kind: string;
  enabled: boolean;
  currencies: string;
  minAmount: string;
  maxAmount: string;
  details: { label: string; value: string }[];
  instructions: string;
  requiresTransactionId: boolean;
  receipt: string;
  hoursOpen: string;
  qrStandard: string;
  qrFields: Record<string, string>;
  /** Per-language name, instructions and labels (lib/method-translations.ts); absent reads as none. */
  translations?: MethodTranslations;
};

export type MethodData = {
  name: string;
  kind: MethodKindValue;
  enabled: boolean;
  currencies: string[];
  minAmount: string | null;
  maxAmount: string | null;
  details: { label: string; value: string }[];
  instructions: string;
  requiresTransactionId: boolean;
  receipt: ReceiptModeValue;
  hoursOpen: number | null;
  qrStandard: QrStandard | null;
  qrFields: Record<string, string>;
  /** Per-language name, instructions and labels (lib/method-translations.ts); absent reads as none. */
  translations?: MethodTranslations;
};

/** Field errors keyed by input name: "name", "details.2.value", "qr.iban", … */
export type MethodFieldErrors = Record<string, string>;

/** Collects the form's raw strings (FormData or a plain getter) into one object, so the form can be re-shown as typed. */
export function methodFormValues(get: (name: string) => string | null, has: (name: string) => boolean): MethodFormValues {
  const details: { label: string; value: string }[] = [];
  for (let i = 0; i < MAX_DETAIL_ROWS; i++) {
    if (!has(`details.${i}.label`) && !has(`details.${i}.value`)) continue;
    details.push({ label: (get(`details.${i}.label`) ?? "").trim(), value: (get(`details.${i}.value`) ?? "").trim() });
  }
  const qrStandard = (get("qrStandard") ?? "").trim();
  const qrFields: Record<string, string> = {};
  if ((QR_STANDARDS as readonly string[]).includes(qrStandard)) {
    for (const f of QR_FIELD_LABELS[qrStandard as QrStandard]) qrFields[f.key] = (get(`qr.${f.key}`) ?? "").trim();
  }
  return {
    name: (get("name") ?? "").trim(),
    kind: get("kind") ?? "",
    enabled: get("enabled") === "on",
    currencies: (get("currencies") ?? "").trim(),
    minAmount: (get("minAmount") ?? "").trim(),
    maxAmount: (get("maxAmount") ?? "").trim(),
    details,
    instructions: (get("instructions") ?? "").replace(/\r\n/g, "\n"),
    requiresTransactionId: get("requiresTransactionId") === "on",
    receipt: get("receipt") ?? "",
    hoursOpen: (get("hoursOpen") ?? "").trim(),
    qrStandard,
    qrFields,
    translations: translationValues(get, details),
  };
}

/** The same, from a submitted form. */
export function methodFormValuesFrom(formData: FormData): MethodFormValues {
  return methodFormValues(
    (n) => {
      const v = formData.get(n);
      return typeof v === "string" ? v : null;
    },
    (n) => formData.has(n),
  );
}

const LIMIT_RE = /^\d{1,12}(\.\d{1,3})?$/;

export function parseMethodForm(v: MethodFormValues): { ok: true; data: MethodData } | { ok: false; errors: MethodFieldErrors } {
  const errors: MethodFieldErrors = {};

  if (!v.name) errors.name = "Give the method a name the customer will recognise, e.g. “PayPal”.";
  else if (v.name.length > 80) errors.name = "Keep the name under 80 characters.";

  if (!(v.kind in METHOD_KIND_LABELS)) errors.kind = "Choose a kind.";
  if (!(v.receipt in RECEIPT_MODE_LABELS)) errors.receipt = "Choose whether a receipt is asked for.";

  const currencies = v.currencies
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const unknown = currencies.filter((c) => !isCurrency(c));
  if (unknown.length) errors.currencies = `Not an ISO 4217 currency code: ${unknown.join(", ")}.`;
  const uniqueCurrencies = [...new Set(currencies)];

  for (const key of ["minAmount", "maxAmount"] as const) {
    const s = v[key].replace(",", ".");
    if (s && !LIMIT_RE.test(s)) errors[key] = "Enter an amount like 10 or 2500.00, or leave it empty.";
  }
  const min = v.minAmount.replace(",", ".") || null;
  const max = v.maxAmount.replace(",", ".") || null;
  if (min && max && !errors.minAmount && !errors.maxAmount && compareDecimals(min, max) > 0) {
    errors.maxAmount = "The maximum must not be below the minimum.";
  }

  const details: { label: string; value: string }[] = [];
  v.details.forEach((d, i) => {
    if (!d.label && !d.value) return;
    if (!d.label) errors[`details.${i}.label`] = "Give this value a label, e.g. “IBAN”.";
    else if (d.label.length > 60) errors[`details.${i}.label`] = "Keep the label under 60 characters.";
    if (!d.value) errors[`details.${i}.value`] = "Enter the value, or clear the label too.";
    else if (d.value.length > 300) errors[`details.${i}.value`] = "Keep the value under 300 characters.";
    details.push(d);
  });

  if (v.instructions.length > 5000) errors.instructions = "Keep the instructions under 5,000 characters.";

  let hoursOpen: number | null = null;
  if (v.hoursOpen) {
    if (!/^\d{1,4}$/.test(v.hoursOpen) || Number(v.hoursOpen) < 1 || Number(v.hoursOpen) > 2160) {
      errors.hoursOpen = "Enter whole hours from 1 to 2160, or leave it empty to use the link's own expiry.";
    } else hoursOpen = Number(v.hoursOpen);
  }

  let qrStandard: QrStandard | null = null;
  if (v.qrStandard) {
    if (!(QR_STANDARDS as readonly string[]).includes(v.qrStandard)) errors.qrStandard = "Choose a QR standard from the list.";
    else {
      qrStandard = v.qrStandard as QrStandard;
      for (const e of validateQrFields(qrStandard, v.qrFields)) errors[`qr.${e.field}`] ??= e.message;
      const needs = QR_STANDARD_INFO[qrStandard].currencies;
      if (needs && !errors.currencies && (uniqueCurrencies.length === 0 || uniqueCurrencies.some((c) => !needs.includes(c)))) {
        errors.currencies = `${QR_STANDARD_INFO[qrStandard].label} works only for ${needs.join(", ")}: set the currencies to ${needs.join(", ")}.`;
      }
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      name: v.name,
      kind: v.kind as MethodKindValue,
      enabled: v.enabled,
      currencies: uniqueCurrencies,
      minAmount: min,
      maxAmount: max,
      details,
      instructions: v.instructions.trim(),
      requiresTransactionId: v.requiresTransactionId,
      receipt: v.receipt as ReceiptModeValue,
      hoursOpen,
      qrStandard,
      qrFields: qrStandard ? v.qrFields : {},
    },
  };
}

/** Adds the per-language texts (lib/method-translations.ts) to a parsed form, and their errors to its errors. */
export function withTranslations(v: MethodFormValues, parsed: ReturnType<typeof parseMethodForm>): ReturnType<typeof parseMethodForm> {
  const translations = parseTranslations(v.translations, v.details);
  const errors = { ...(parsed.ok ? {} : parsed.errors), ...translations.errors };
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { ...parsed.data, translations: translations.data } };
}

/**
 * The form as server actions parse it (server/staff-action.ts, reading it with methodFormValuesFrom): the rules of
 * parseMethodForm, whose many cross-field checks read more plainly as code, with each error at its input's name.
 */
export const MethodForm = z
  .custom<MethodFormValues>((v) => typeof v === "object" && v !== null)
  .transform((values, ctx) => {
    const parsed = withTranslations(values, parseMethodForm(values));
    if (parsed.ok) return parsed.data;
    for (const [name, message] of Object.entries(parsed.errors)) ctx.addIssue({ code: "custom", path: name.split("."), message });
    return z.NEVER;
  });
