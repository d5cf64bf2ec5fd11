// The security headers. next.config.ts puts SECURITY_HEADERS and the policy without a nonce (FALLBACK_POLICY) on every
// response of the app; proxy.ts, which every page load passes through, replaces that policy with one carrying the
// page's nonce (for Next.js's own inline scripts), and adds HSTS when the app is served over https.
import { createHash, createHmac } from "node:crypto";
import { TIME_ZONE_SCRIPT } from "./time-zone";
import { randomToken } from "./token";

/** Browser features no page of ours uses: denied to the page and to anything it could embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // same-origin: the token in /pay/ URLs never leaks to other sites, while our own form posts keep their Origin header,
  // which the server actions and lib/form-post.ts check (no-referrer would make browsers send "Origin: null", refused).
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": PERMISSIONS_POLICY,
};

const sha256 = (script: string) => `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;

/** Our own inline scripts, allowed by their hash: the same on every page, and on pages rendered without a nonce. */
const INLINE_SCRIPT_HASHES = [sha256(TIME_ZONE_SCRIPT)];

/**
 * The Content-Security-Policy of a page. Scripts: our own files, the inline scripts Next.js writes into the page (they
 * carry the nonce), ours by hash; no 'unsafe-inline', and 'unsafe-eval' only for `next dev` (React's development build
 * evaluates code to rebuild call stacks). Styles: our stylesheet only, so injected markup cannot restyle a page either
 * (no page of ours has a style attribute or element; React sets `style` props through the DOM, which a policy does
 * not restrict); `next dev` adds 'unsafe-inline', as it injects its CSS in <style> elements.
 */
export function contentSecurityPolicy({ nonce, dev = false }: { nonce?: string; dev?: boolean } = {}): string {
  const scripts = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...INLINE_SCRIPT_HASHES, ...(dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
    // data: for the icons in our stylesheet (checkboxes, the clear button).
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * For responses that do not pass through proxy.ts (form posts, which it does not buffer; the API; static files): no
 * nonce, so a page rendered there runs only our script files and hashed scripts. Set in next.config.ts at build time.
 */
export const FALLBACK_POLICY = contentSecurityPolicy();

/** A receipt a payer uploaded, shown to staff: nothing in it may run, load or navigate (sandbox). */
export const RECEIPT_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

export const HSTS = "max-age=63072000; includeSubDomains";

/** Strict-Transport-Security when the app is served over https (APP_URL says so), else nothing. */
export function strictTransportSecurity(appUrl: string | undefined): string | null {
  return appUrl && /^https:\/\//i.test(appUrl.trim()) ? HSTS : null;
}

/** A nonce for one response (a page rendered for this request only). */
export function randomNonce(): string {
  return randomToken();
}

/**
 * The nonce of a page rendered once and served many times (the payer's cached page): derived from the page's id, so
 * the page and every later answer of it carry the same one, and unpredictable without the key.
 */
export function derivedNonce(key: Uint8Array, pageId: string): string {
  return createHmac("sha256", key).update(pageId, "utf8").digest("base64url");
}
