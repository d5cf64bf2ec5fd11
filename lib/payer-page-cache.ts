// The names of the payer page cache (server/payer-page-cache/), used by proxy.ts and the cached page's route
// (app/(public)/pay-v/[id]). The payer's page is rendered once per state and served from memory after that: proxy.ts
// sends every request for /pay/<token> to an internal path that names everything the page shows, so a new state is a
// new path and a cached page can never be stale: the payment's version (raised by every change of the payment), the
// settings version (raised by triggers on every change of a payment method or of the business profile), the payer's
// language, and the error the method choice sent back.
import { isLocale, type Locale } from "./i18n";
import type { PaymentStatus } from "./payment-status";

/** The internal route of payer pages; proxy.ts answers 404 to anyone asking for it directly. */
export const PAYER_PAGE_PREFIX = "/pay-v";

export type PayerPageState = { version: number; settingsVersion: number; status: PaymentStatus; expiresAt: number };

/** The errors the method choice sends back (?error=… on /pay/<token>, from pay/[token]/method/route.ts). */
export const PAYER_PAGE_ERRORS = ["choose", "unavailable"] as const;
export type PayerPageError = (typeof PAYER_PAGE_ERRORS)[number];

/**
 * The state part of the page's path. An open payment past its expiry still says "open" in the database until the
 * expiry job (server/jobs.ts) writes that it expired; "due" gives it a path of its own, whose render shows it expired
 * (effectiveStatus, without writing), and once the job has written it the version, so the path, is new again.
 */
export function payerPageKey(state: PayerPageState, now = Date.now()): string {
  const due = state.status === "open" && state.expiresAt <= now;
  return `${state.version}.${state.settingsVersion}${due ? "-due" : ""}`;
}

export type PayerPageId = { token: string; locale: Locale; key: string; error?: PayerPageError };

/** The request header proxy.ts names the page in, for next.config.ts's rewrite of /pay/<token> to /pay-v/<id>. */
export const PAYER_PAGE_HEADER = "x-payer-page";

/** <token>.<locale>.<key>[.<error>]: one flat segment (/pay-v/<id>) keeps the page's router payload small. */
export function payerPageId(id: PayerPageId): string {
  return `${id.token}.${id.locale}.${id.key}${id.error ? `.${id.error}` : ""}`;
}

const ID_RE = /^([A-Za-z0-9_-]{22})\.([a-z]{2})\.(\d{1,12}\.\d{1,12}(?:-due)?)(?:\.([a-z]+))?$/;

export function parsePayerPageId(id: string): PayerPageId | null {
  const m = ID_RE.exec(id);
  if (!m || !isLocale(m[2])) return null;
  if (m[4] !== undefined && !isPayerPageError(m[4])) return null;
  return { token: m[1], locale: m[2], key: m[3], ...(m[4] ? { error: m[4] } : {}) };
}

export function isPayerPageError(s: unknown): s is PayerPageError {
  return typeof s === "string" && (PAYER_PAGE_ERRORS as readonly string[]).includes(s);
}
