// The payer page cache's step in proxy.ts, for a GET of /pay/<token>: reads the payment's state (one indexed lookup),
// names the page of that state in the payer's language (lib/payer-page-cache.ts) and says what to do with the request:
// answer it from memory (the page is cached: cached-html.ts), or send it on to /pay-v/<page id> (next.config.ts's
// rewrite, driven by the header proxy.ts sets), where Next.js renders it once and keeps it through
// next-cache-handler.cjs. Null means the normal Next.js path (app/(public)/pay/[token]/page.tsx, rendered per request):
// the cache is switched off (switch.ts), the token names no payment (the 404), or the "I have paid" form came back
// with its errors and what was typed, which is the payer's own and never kept.
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { payerPageState } from "@/db/payments";
import { decodeConfirmErrors } from "@/lib/confirm-form";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { isPayerPageError, PAYER_PAGE_PREFIX, payerPageId, payerPageKey, type PayerPageError } from "@/lib/payer-page-cache";
import { isWellFormedToken } from "@/lib/token";
import { cachedPageHtml } from "./cached-html";
import { payerPageCacheEnabled } from "./switch";

export type PayerPageStep = { pageId: string; cachedHtml: string | Uint8Array | null };

export async function payerPageStep(request: NextRequest, token: string): Promise<PayerPageStep | null> {
  if (!payerPageCacheEnabled() || !isWellFormedToken(token)) return null;
  const state = await payerPageState(await getDb(), token);
  if (!state || decodeConfirmErrors(request.nextUrl.searchParams.get("error"))) return null;
  const pageId = payerPageId({ token, locale: payerLocale(request), key: payerPageKey(state), ...errorOf(request) });
  // Rendered before: answered from memory, as Next.js would from its cache, without routing the request any further.
  const cached = isPageLoad(request) ? cachedPageHtml(`${PAYER_PAGE_PREFIX}/${pageId}`) : null;
  const cachedHtml = cached == null || typeof cached === "string" ? cached : new Uint8Array(cached.buffer as ArrayBuffer, cached.byteOffset, cached.byteLength);
  return { pageId, cachedHtml };
}

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
