// The Content-Security-Policy that proxy.ts gives each page. A page rendered for one request gets a fresh nonce. The
// payer's page is rendered once per state and then answered from memory (server/payer-page-cache/), so its nonce cannot
// change per response: it is derived from the page's id, the same for the render and for every later answer.
import { randomBytes } from "node:crypto";
import { contentSecurityPolicy, derivedNonce, randomNonce } from "@/lib/security-headers";

type State = { key: Buffer; byPage: Map<string, string> };

const GLOBAL_KEY = "__directPaymentsPagePolicy";
/** Policies kept for the pages answered most recently: a cached page's answer then costs a Map lookup. */
const MAX_KEPT = 4096;

const dev = process.env.NODE_ENV === "development";

/**
 * The key is random per process and kept on globalThis, like the page cache it goes with: a page rendered with it is
 * answered with the same nonce for as long as it is cached, and nobody can compute the nonce of a page they have not
 * been shown. (AUTH_SECRET would do too, but nothing here needs to outlive the process.)
 */
function state(): State {
  const g = globalThis as unknown as Record<string, State | undefined>;
  return (g[GLOBAL_KEY] ??= { key: randomBytes(32), byPage: new Map() });
}

/** The policy of a cached page (the payer's page): its nonce derived from the page's id. */
export function cachedPagePolicy(pageId: string): string {
  const s = state();
  let policy = s.byPage.get(pageId);
  if (policy === undefined) {
    policy = contentSecurityPolicy({ nonce: derivedNonce(s.key, pageId), dev });
    if (s.byPage.size >= MAX_KEPT) s.byPage.delete(s.byPage.keys().next().value!);
    s.byPage.set(pageId, policy);
  }
  return policy;
}

/** The policy of a page rendered for this request only, with a nonce of its own. */
export function freshPagePolicy(): string {
  return contentSecurityPolicy({ nonce: randomNonce(), dev });
}
