// Runs before the app on every page load (not on static files, the API or form posts: see the matcher below).
// - Every request gets an id in `x-request-id` (a well-formed one it came with, or a new one: lib/request-id.ts), on
//   the request for the app's log lines (server/request-log.ts) and on the response.
// - Every page gets its Content-Security-Policy here, with a nonce that Next.js puts on the inline scripts it writes
//   (it reads the nonce from the request's policy header): a fresh one per request, or for the payer's cached page one
//   derived from the page's id (server/page-policy.ts). next.config.ts sets the policy without a nonce on everything
//   else (lib/security-headers.ts); a response carries one policy, never both.
// - /dashboard: a first filter only. Without a session cookie a visitor goes to sign-in; with one, every page, action
//   and route still checks the session and the role itself (so the cookie is not decrypted twice per request here).
// - /pay/<token>: the payer page cache (server/payer-page-cache/proxy-step.ts, switched off by PAYER_PAGE_CACHE=off)
//   answers a page it has from memory, or names the page of the payment's current state in a request header, which
//   next.config.ts's rewrite turns into /pay-v/<page id>. Otherwise the request takes the normal path to
//   app/(public)/pay/[token]/page.tsx. The page's forms post to route handlers under /pay/<token>/ (not matched here),
//   which answer 303 back to it.
import { NextResponse, type NextRequest } from "next/server";
import { PAYER_PAGE_HEADER, PAYER_PAGE_PREFIX } from "@/lib/payer-page-cache";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/request-id";
import { SECURITY_HEADERS, strictTransportSecurity } from "@/lib/security-headers";
import { cachedPagePolicy, freshPagePolicy } from "@/server/page-policy";
import { payerPageStep } from "@/server/payer-page-cache/proxy-step";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const PAY_PATH = /^\/pay\/([^/]+)$/;
// A receipt keeps the sandboxing policy next.config.ts gives it (RECEIPT_POLICY): it is a file, not a page.
const RECEIPT_PATH = /^\/dashboard\/payments\/[^/]+\/receipt$/;
// Served over https: browsers are told to come back over https only.
const HSTS = strictTransportSecurity(process.env.APP_URL);

export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const headers = new Headers(request.headers);
  const requestId = requestIdOf(headers.get(REQUEST_ID_HEADER));
  headers.set(REQUEST_ID_HEADER, requestId);
  // Only proxy.ts names a payer page; whatever a client sent in that header is dropped.
  headers.delete(PAYER_PAGE_HEADER);
  if (pathname.startsWith("/dashboard")) {
    if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) {
      return onward(headers, RECEIPT_PATH.test(pathname) ? null : freshPagePolicy());
    }
    return NextResponse.redirect(new URL("/login", request.url), { headers: { [REQUEST_ID_HEADER]: requestId } });
  }
  // The cached page's route is only reachable through the rewrite in next.config.ts.
  if (pathname === PAYER_PAGE_PREFIX || pathname.startsWith(`${PAYER_PAGE_PREFIX}/`)) {
    return new NextResponse("Not found", { status: 404, headers: { [REQUEST_ID_HEADER]: requestId } });
  }
  const token = PAY_PATH.exec(pathname)?.[1];
  // Sign-in, the status page, pages that do not exist: rendered per request.
  if (!token) return onward(headers, freshPagePolicy());

  const step = await payerPageStep(request, token);
  if (step?.cachedHtml != null) return cachedAnswer(step.cachedHtml, step.pageId, requestId);
  // (Not NextResponse.rewrite: Next.js 16.4 turns a proxy's rewrite into an HTTP request to itself when the server
  // listens on 127.0.0.1, as it often does behind a reverse proxy.)
  if (step) headers.set(PAYER_PAGE_HEADER, step.pageId);
  const res = onward(headers, step ? cachedPagePolicy(step.pageId) : freshPagePolicy());
  res.headers.set("Cache-Control", PRIVATE);
  return res;
}

/** A payer's page answered from the payer page cache, with the policy whose nonce its scripts carry. */
function cachedAnswer(html: string | Uint8Array, pageId: string, requestId: string) {
  const headers: Record<string, string> = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": PRIVATE,
    "X-Nextjs-Cache": "HIT",
    ...SECURITY_HEADERS,
    "Content-Security-Policy": cachedPagePolicy(pageId),
    [REQUEST_ID_HEADER]: requestId,
  };
  if (HSTS) headers["Strict-Transport-Security"] = HSTS;
  return new NextResponse(html as BodyInit, { headers });
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
  res.headers.set(REQUEST_ID_HEADER, headers.get(REQUEST_ID_HEADER)!);
  return res;
}

// The same URL shows another state or language later, and the page shows the payer's details: no cache may keep it,
// not even the browser's (its back button then asks again).
const PRIVATE = "private, no-store";

export const config = {
  matcher: [
    // Every page, for its policy. Not static files or the API (next.config.ts gives them the policy without a nonce),
    // nor form posts (requests with a body): they are not held up here (the proxy would buffer their bodies), and their
    // handlers and actions check the session themselves.
    { source: "/((?!_next/static|_next/image|api/|icon.svg|favicon.ico).*)", missing: [{ type: "header", key: "content-type" }] },
    // The payer's page only: its form posts (/pay/<token>/method, /pay/<token>/confirm) go straight to their handlers.
    "/pay/:token",
    "/pay-v/:path*",
  ],
};
