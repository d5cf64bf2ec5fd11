// Runs before the app on /dashboard and the payer's pages.
// - /dashboard: a first filter only. Without a session cookie a visitor goes to sign-in; with one, every page, action
//   and route still checks the session and the role itself (so the cookie is not decrypted twice per request here).
// - /pay/<token>: every request is rewritten to /pay-v/<token>.<locale>.<state key>[.<error>], the payer's page for the
//   payment's current state in the payer's language (lib/payer-page-cache.ts). GETs of a path are rendered once and then
//   served from the page cache; form posts land on the same path, so React matches them with the form they came from.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { payerPageState } from "@/db/payments";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { isPayerPageError, PAYER_PAGE_PREFIX, payerPageKey, payerPagePath } from "@/lib/payer-page-cache";
import { isWellFormedToken } from "@/lib/token";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const PAY_PATH = /^\/pay\/([^/]+)$/;

export default function proxy(request: NextRequest) {
  const { pathname, origin } = request.nextUrl;
  if (pathname.startsWith("/dashboard")) {
    if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return NextResponse.next();
    return NextResponse.redirect(new URL("/login", origin));
  }
  // The internal paths are only reachable through the rewrite below.
  if (pathname === PAYER_PAGE_PREFIX || pathname.startsWith(`${PAYER_PAGE_PREFIX}/`)) return NextResponse.rewrite(new URL("/pay/not-found", origin));

  const token = PAY_PATH.exec(pathname)?.[1];
  const state = token && isWellFormedToken(token) ? payerPageState(getDb(), token) : undefined;
  if (!token || !state) return NextResponse.next(); // no such page: the app answers 404
  const locale = pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  const error = request.nextUrl.searchParams.get("error");
  const path = payerPagePath({ token, locale, key: payerPageKey(state), ...(isPayerPageError(error) ? { error } : {}) });
  const res = NextResponse.rewrite(new URL(path, origin));
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
