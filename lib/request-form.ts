// The "Request a payment method" form (the original's "Connection of the payment system" ticket), and how an admin's
// method form is pre-filled from a request.
import { z } from "zod";
import { isCurrency } from "./money";
import { MAX_DETAIL_ROWS, type MethodFormValues, type MethodKindValue } from "./method-form";

export const REQUEST_FIELDS = ["paymentSystem", "website", "countries", "currencies", "howCustomersPay", "accountDetails", "comment"] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];
export type RequestFormValues = Record<RequestField, string>;
export type RequestFieldErrors = Partial<Record<RequestField, string>>;

export type RequestData = {
  paymentSystem: string;
  website: string | null;
  countries: string;
  currencies: string[];
  howCustomersPay: string;
  accountDetails: string;
  comment: string;
};

export const MAX_TEXT = 2000;
export const MAX_COMMENT = 5000;
export const MAX_REASON = 1000;

/** A comment on a request's thread. */
export const CommentForm = z.object({
  body: z.string().trim().min(1, "Write something first.").max(MAX_COMMENT, `Keep the comment under ${MAX_COMMENT.toLocaleString("en")} characters.`),
});

/** Why an admin declines a request (the requester reads it). */
export const DeclineForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why, so the requester knows what to do next.")
    .max(MAX_REASON, `Keep the reason under ${MAX_REASON.toLocaleString("en")} characters.`),
});

/** Collects the raw strings, so the form can be shown again exactly as typed. */
export function requestFormValues(get: (name: string) => unknown): RequestFormValues {
  const out = {} as RequestFormValues;
  for (const f of REQUEST_FIELDS) {
    const v = get(f);
    out[f] = typeof v === "string" ? v.replace(/\r\n?/g, "\n") : "";
  }
  return out;
}

/** "revolut.com" becomes "https://revolut.com"; other schemes (javascript:, ftp:) are refused. */
export function normalizeWebsite(raw: string): { ok: true; url: string | null } | { ok: false } {
  const s = raw.trim();
  if (!s) return { ok: true, url: null };
  if (/\s/.test(s) || s.length > 300) return { ok: false };
  let url = s;
  if (!/^https?:\/\//i.test(s)) {
    // A scheme is letters then a colon not followed by a port number ("example.com:8080" has no scheme).
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(s)) return { ok: false };
    url = `https://${s}`;
  }
  if (!URL.canParse(url)) return { ok: false };
  const host = new URL(url).hostname;
  if (!host.includes(".") || host.startsWith(".") || host.endsWith(".")) return { ok: false };
  return { ok: true, url };
}

export function parseCurrencyList(raw: string): { codes: string[]; unknown: string[] } {
  const all = raw
    .split(/[\s,;/]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return { codes: [...new Set(all.filter(isCurrency))], unknown: [...new Set(all.filter((c) => !isCurrency(c)))] };
}

const longText = (label: string) => z.string().trim().max(MAX_TEXT, `Keep ${label} under ${MAX_TEXT.toLocaleString("en")} characters.`);

/** The form's fields, as the server action parses them (read with requestFormValues). */
export const RequestForm = z.object({
  paymentSystem: z
    .string()
    .trim()
    .min(1, "Name the payment system, e.g. “Revolut” or “Bank transfer in Kenya”.")
    .max(80, "Keep the name under 80 characters."),
  website: z.string().transform((s, ctx) => {
    const w = normalizeWebsite(s);
    if (!w.ok) {
      ctx.addIssue({ code: "custom", message: "Enter a web address like https://www.revolut.com, or leave it empty." });
      return z.NEVER;
    }
    return w.url;
  }),
  countries: z
    .string()
    .trim()
    .min(1, "Say where your customers pay from, e.g. “Germany, Austria” or “worldwide”.")
    .max(300, "Keep the countries under 300 characters."),
  currencies: z.string().transform((s, ctx) => {
    const { codes, unknown } = parseCurrencyList(s);
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `Not an ISO 4217 currency code: ${unknown.slice(0, 5).join(", ")}. Use codes like EUR, USD.` });
      return z.NEVER;
    }
    if (codes.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter at least one currency code, e.g. EUR." });
      return z.NEVER;
    }
    if (codes.length > 20) {
      ctx.addIssue({ code: "custom", message: "List at most 20 currencies." });
      return z.NEVER;
    }
    return codes;
  }),
  howCustomersPay: longText("the description"),
  accountDetails: longText("the account details"),
  comment: longText("the comment"),
});

export function parseRequestForm(v: RequestFormValues): { ok: true; data: RequestData } | { ok: false; errors: RequestFieldErrors } {
  const parsed = RequestForm.safeParse(v);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: RequestFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as RequestField;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

// ---- From a request to the admin's method form ----

/**
 * One "Label: value" per line becomes a detail row; a line without a label becomes a row labelled "Details".
 * A colon that starts a web address ("https://…") or a time ("10:00") is not a label separator.
 */
export function detailsFromText(text: string): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t) continue;
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(t);
    const label = m?.[1] ?? "";
    if (m && label.length <= 60 && /\p{L}/u.test(label) && !m[2].startsWith("//")) rows.push({ label, value: m[2] });
    else rows.push({ label: "Details", value: t });
  }
  return rows.slice(0, MAX_DETAIL_ROWS);
}

const KIND_HINTS: [MethodKindValue, RegExp][] = [
  ["crypto", /\b(crypto|bitcoin|btc|usdt|usdc|tether|ethereum|eth|litecoin|ltc|trc-?20|erc-?20)\b/i],
  ["e_wallet", /\b(paypal|wise|revolut|skrill|neteller|payoneer|venmo|cash ?app|zelle|alipay|wechat|qiwi|yoomoney|m-?pesa|e-?wallet|wallet|apple pay|google pay)\b/i],
  ["card_transfer", /\b(card|card-to-card)\b/i],
  ["cash", /\bcash\b/i],
  ["bank_transfer", /\b(bank|iban|sepa|swift|bic|wire|ach|transfer|sbp|pix|upi)\b/i],
];

/** A first guess at the method's kind from the request's words; the admin can change it. */
export function guessKind(...texts: string[]): MethodKindValue {
  for (const text of texts) {
    for (const [kind, re] of KIND_HINTS) if (re.test(text)) return kind;
  }
  return "other";
}

export type RequestForMethod = Pick<RequestData, "paymentSystem" | "currencies" | "howCustomersPay" | "accountDetails">;

/** The method form's starting values for a request: name, currencies, details and instructions from what was asked. */
export function requestToMethodValues(r: RequestForMethod, base: MethodFormValues): MethodFormValues {
  const how = r.howCustomersPay.trim();
  // The reference is what lets the agent match the money to the payment, so the instructions always ask for it.
  const instructions = !how ? base.instructions : how.includes("{{reference}}") ? how : `${how}\n\n${base.instructions}`;
  return {
    ...base,
    name: r.paymentSystem,
    kind: guessKind(r.paymentSystem, `${r.howCustomersPay}\n${r.accountDetails}`),
    currencies: r.currencies.join(", "),
    details: detailsFromText(r.accountDetails),
    instructions,
  };
}
