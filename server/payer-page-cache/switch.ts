// The switch of the payer page cache: PAYER_PAGE_CACHE=off (or 0, false, no) turns it off, anything else or nothing
// leaves it on. Read by proxy.ts (server/payer-page-cache/proxy-step.ts) on each request, so a restart with the
// variable changed is enough: the build is the same either way. Off, /pay/<token> takes the normal Next.js path
// (app/(public)/pay/[token]/page.tsx, rendered per request): no database read in the proxy, no rewrite, nothing kept.

const OFF = new Set(["off", "0", "false", "no"]);

/** Whether the payer's page is cached per state (the default) or rendered for every request. */
export function payerPageCacheEnabled(value: string | undefined = process.env.PAYER_PAGE_CACHE): boolean {
  return !OFF.has((value ?? "").trim().toLowerCase());
}
