// Runs before the app on /dashboard and the payer's pages.
// - /dashboard: a first filter only. Without a session cookie a visitor goes to sign-in; with one, every page, action
//   and route still checks the session and the role itself (so the cookie is not decrypted twice per request here).
// - /pay/<token>: names the payer's page for the payment's current state in the payer's language,
//   <token>.<locale>.<state key>[.<error>] (lib/payer-page-cache.ts), and next.config.ts rewrites the request to
//   /pay-v/<that>. GETs of a path are rendered once and then served from the page cache; form posts land on the same
//   path, so React matches them with the form they came from.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { payerPageState } from "@/db/payments";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { isPayerPageError, PAYER_PAGE_HEADER, PAYER_PAGE_PREFIX, payerPageId, payerPageKey } from "@/lib/payer-page-cache";
import { isWellFormedToken } from "@/lib/token";

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

  // The page's id travels to next.config.ts's rewrite in a request header. Whatever a client sent in it is dropped.
  // (Not NextResponse.rewrite: Next.js 16.4 turns a proxy's rewrite into an HTTP request to itself when the server
  // listens on 127.0.0.1, which a reverse proxy set-up often does.)
  const headers = new Headers(request.headers);
  headers.delete(PAYER_PAGE_HEADER);
  const token = PAY_PATH.exec(pathname)?.[1];
  const state = token && isWellFormedToken(token) ? payerPageState(getDb(), token) : undefined;
  if (!token || !state) return NextResponse.next({ request: { headers } }); // no such page: the app answers 404
  const locale = pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  const error = request.nextUrl.searchParams.get("error");
  headers.set(PAYER_PAGE_HEADER, payerPageId({ token, locale, key: payerPageKey(state), ...(isPayerPageError(error) ? { error } : {}) }));
  const res = NextResponse.next({ request: { headers } });
  // The same URL shows another state or language later: no shared cache may keep it.
  res.headers.set("Cache-Control", "private, no-cache");
  return res;
}

export const config = {
  matcher: [
    // Form posts to the dashboard are not held up here (the proxy would buffer their bodies); their actions check.
    { source: "/dashboard/:path*", missing: [{ type: "header", key: "content-type" }] },
    "/pay/:path*",
    "/pay-v/:path*",
  ],
};
