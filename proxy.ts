// Runs before the app on /dashboard and the payer's pages.
// - /dashboard: a first filter only. Without a session cookie a visitor goes to sign-in; with one, every page, action
//   and route still checks the session and the role itself (so the cookie is not decrypted twice per request here).
// - /pay/<token>: names the payer's page for the payment's current state in the payer's language,
//   <token>.<locale>.<state key>[.<error>] (lib/payer-page-cache.ts), and next.config.ts rewrites the request to
//   /pay-v/<that>. The first GET of a path renders it; later ones are answered here, from the page cache
//   (server/page-cache.ts). Form posts land on the same path, so React matches them with the form they came from.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { payerPageState } from "@/db/payments";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { isPayerPageError, PAYER_PAGE_HEADER, type PayerPageError, PAYER_PAGE_PREFIX, payerPageId, payerPageKey } from "@/lib/payer-page-cache";
import { isWellFormedToken } from "@/lib/token";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { cachedPageHtml } from "@/server/page-cache";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const PAY_PATH = /^\/pay\/([^/]+)$/;

export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/dashboard")) {
    if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return NextResponse.next();
    return NextResponse.redirect(new URL("/login", request.url));
  }
  // The internal paths are only reachable through the rewrite in next.config.ts.
  if (pathname === PAYER_PAGE_PREFIX || pathname.startsWith(`${PAYER_PAGE_PREFIX}/`)) return new NextResponse("Not found", { status: 404 });

  const token = PAY_PATH.exec(pathname)?.[1];
  const state = token && isWellFormedToken(token) ? payerPageState(getDb(), token) : undefined;
  const id = token && state ? payerPageId({ token, locale: payerLocale(request), key: payerPageKey(state), ...errorOf(request) }) : null;
  // Rendered before: answer from memory, as Next.js would from its cache, without routing the request any further.
  const cached = id && isPageLoad(request) ? cachedPageHtml(`${PAYER_PAGE_PREFIX}/${id}`) : null;
  if (cached != null) {
    const body = typeof cached === "string" ? cached : new Uint8Array(cached.buffer as ArrayBuffer, cached.byteOffset, cached.byteLength);
    return new NextResponse(body, {
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": PRIVATE, "X-Nextjs-Cache": "HIT", ...SECURITY_HEADERS },
    });
  }
  // The page's id travels to next.config.ts's rewrite in a request header; whatever a client sent in it is dropped.
  // (Not NextResponse.rewrite: Next.js 16.4 turns a proxy's rewrite into an HTTP request to itself when the server
  // listens on 127.0.0.1, as it often does behind a reverse proxy.)
  const headers = new Headers(request.headers);
  headers.delete(PAYER_PAGE_HEADER);
  if (!id) return NextResponse.next({ request: { headers } }); // no such payment: the app answers 404
  headers.set(PAYER_PAGE_HEADER, id);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Cache-Control", PRIVATE);
  return res;
}

// The same URL shows another state or language later: no shared cache may keep it.
const PRIVATE = "private, no-cache";

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
    // Form posts to the dashboard are not held up here (the proxy would buffer their bodies); their actions check.
    { source: "/dashboard/:path*", missing: [{ type: "header", key: "content-type" }] },
    "/pay/:path*",
    "/pay-v/:path*",
  ],
};
