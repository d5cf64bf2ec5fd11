// Runs before the app on every page load (not on static files, the API or form posts: see the matcher below).
// - Every page gets its Content-Security-Policy here, with a nonce that Next.js puts on the inline scripts it writes
//   (it reads the nonce from the request's policy header): a fresh one per request, or for the payer's cached page one
//   derived from the page's id (server/page-policy.ts). next.config.ts sets the policy without a nonce on everything
//   else (lib/security-headers.ts); a response carries one policy, never both.
// - /dashboard: a first filter only. Without a session cookie a visitor goes to sign-in; with one, every page, action
//   and route still checks the session and the role itself (so the cookie is not decrypted twice per request here).
// - /pay/<token>: names the payer's page for the payment's current state in the payer's language,
//   <token>.<locale>.<state key>[.<error>] (lib/payer-page-cache.ts), and next.config.ts rewrites the request to
//   /pay-v/<that>. The first GET of a path renders it; later ones are answered here, from the page cache
//   (server/page-cache.ts). The page's forms post to route handlers under /pay/<token>/ (not matched here), which
//   answer 303 back to it. The "I have paid" form's errors, which show what the payer typed, are rendered live
//   instead, at /pay-d/<token>.<locale>.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { payerPageState } from "@/db/payments";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { decodeConfirmErrors } from "@/lib/confirm-form";
import {
  isPayerPageError,
  PAYER_LIVE_PAGE_HEADER,
  PAYER_LIVE_PAGE_PREFIX,
  PAYER_PAGE_HEADER,
  type PayerPageError,
  PAYER_PAGE_PREFIX,
  payerPageId,
  payerPageKey,
} from "@/lib/payer-page-cache";
import { isWellFormedToken } from "@/lib/token";
import { SECURITY_HEADERS, strictTransportSecurity } from "@/lib/security-headers";
import { cachedPageHtml } from "@/server/page-cache";
import { cachedPagePolicy, freshPagePolicy } from "@/server/page-policy";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const PAY_PATH = /^\/pay\/([^/]+)$/;
// A receipt keeps the sandboxing policy next.config.ts gives it (RECEIPT_POLICY): it is a file, not a page.
const RECEIPT_PATH = /^\/dashboard\/payments\/[^/]+\/receipt$/;
// Served over https: browsers are told to come back over https only.
const HSTS = strictTransportSecurity(process.env.APP_URL);

export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/dashboard")) {
    if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) {
      return onward(new Headers(request.headers), RECEIPT_PATH.test(pathname) ? null : freshPagePolicy());
    }
    return NextResponse.redirect(new URL("/login", request.url));
  }
  // The internal paths are only reachable through the rewrite in next.config.ts.
  if (isInternal(pathname)) return new NextResponse("Not found", { status: 404 });

  const token = PAY_PATH.exec(pathname)?.[1];
  // Sign-in, the status page, pages that do not exist: rendered per request.
  if (!token) return onward(new Headers(request.headers), freshPagePolicy());
  const state = token && isWellFormedToken(token) ? payerPageState(getDb(), token) : undefined;
  // The form comes back with its errors and what was typed: a page of its own, rendered on each view.
  if (token && state && decodeConfirmErrors(request.nextUrl.searchParams.get("error"))) {
    return pass(request, PAYER_LIVE_PAGE_HEADER, `${token}.${payerLocale(request)}`, freshPagePolicy());
  }
  const id = token && state ? payerPageId({ token, locale: payerLocale(request), key: payerPageKey(state), ...errorOf(request) }) : null;
  // Rendered before: answer from memory, as Next.js would from its cache, without routing the request any further.
  const cached = id && isPageLoad(request) ? cachedPageHtml(`${PAYER_PAGE_PREFIX}/${id}`) : null;
  if (id && cached != null) {
    const body = typeof cached === "string" ? cached : new Uint8Array(cached.buffer as ArrayBuffer, cached.byteOffset, cached.byteLength);
    const headers: Record<string, string> = {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": PRIVATE,
      "X-Nextjs-Cache": "HIT",
      ...SECURITY_HEADERS,
      "Content-Security-Policy": cachedPagePolicy(id),
    };
    if (HSTS) headers["Strict-Transport-Security"] = HSTS;
    return new NextResponse(body, { headers });
  }
  // No id: no such payment, and the app answers 404.
  return pass(request, PAYER_PAGE_HEADER, id, id ? cachedPagePolicy(id) : freshPagePolicy());
}

/**
 * On to the app, with the page's id in a request header for next.config.ts's rewrite; whatever a client sent in our
 * headers is dropped. (Not NextResponse.rewrite: Next.js 16.4 turns a proxy's rewrite into an HTTP request to itself
 * when the server listens on 127.0.0.1, as it often does behind a reverse proxy.)
 */
function pass(request: NextRequest, header: string, id: string | null, policy: string) {
  const headers = new Headers(request.headers);
  headers.delete(PAYER_PAGE_HEADER);
  headers.delete(PAYER_LIVE_PAGE_HEADER);
  if (!id) return onward(headers, policy);
  headers.set(header, id);
  const res = onward(headers, policy);
  // (The live page is never stored anywhere: Next.js says no-store for it.)
  if (header === PAYER_PAGE_HEADER) res.headers.set("Cache-Control", PRIVATE);
  return res;
}

/**
 * On to the app with these request headers and, for a page, its policy: in the request, where Next.js reads the nonce
 * for the scripts it writes into the page, and on the response. A policy a client sent in the request is replaced.
 */
function onward(headers: Headers, policy: string | null) {
  headers.delete("content-security-policy-report-only");
  if (policy) headers.set("content-security-policy", policy);
  else headers.delete("content-security-policy");
  const res = NextResponse.next({ request: { headers } });
  if (policy) res.headers.set("Content-Security-Policy", policy);
  if (HSTS) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

function isInternal(pathname: string): boolean {
  return [PAYER_PAGE_PREFIX, PAYER_LIVE_PAGE_PREFIX].some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

// The same URL shows another state or language later, and the page shows the payer's details: no cache may keep it,
// not even the browser's (its back button then asks again).
const PRIVATE = "private, no-store";

function payerLocale(request: NextRequest) {
  return pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
}

function errorOf(request: NextRequest): { error?: PayerPageError } {
  const error = request.nextUrl.searchParams.get("error");
  return isPayerPageError(error) ? { error } : {};
}

/** A browser loading the page: not the client-side router, not a form post. */
function isPageLoad(request: NextRequest): boolean {
  return request.method === "GET" && !request.headers.has("rsc") && !request.headers.has("next-router-prefetch");
}

export const config = {
  matcher: [
    // Every page, for its policy. Not static files or the API (next.config.ts gives them the policy without a nonce),
    // nor form posts (requests with a body): they are not held up here (the proxy would buffer their bodies), and their
    // handlers and actions check the session themselves.
    { source: "/((?!_next/static|_next/image|api/|icon.svg|favicon.ico).*)", missing: [{ type: "header", key: "content-type" }] },
    // The payer's page only: its form posts (/pay/<token>/method, /pay/<token>/confirm) go straight to their handlers.
    "/pay/:token",
    "/pay-v/:path*",
    "/pay-d/:path*",
  ],
};
