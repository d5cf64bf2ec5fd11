import path from "node:path";
import type { NextConfig } from "next";
import { FALLBACK_POLICY, RECEIPT_POLICY, SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "bcryptjs", "pino", "pino-pretty"],
  poweredByHeader: false,
  // The payer page cache (server/payer-page-cache/): the payer's pages are kept per state in memory only, in our own
  // handler (bounded by PAGE_CACHE_MB), which proxy.ts also reads; Next.js's own memory layer would only hold a second
  // copy. The handler stays when PAYER_PAGE_CACHE=off (it then keeps nothing: it never keeps a page rendered with one
  // request's nonce), so the build is the same either way.
  cacheHandler: path.resolve("server/payer-page-cache/next-cache-handler.cjs"),
  cacheMaxMemorySize: 0,
  async rewrites() {
    return {
      // The payer page cache: proxy.ts names the cached page of the payment's current state in this header (and drops
      // any a client sent). Without it (the cache off, the form's errors, an unknown token), /pay/<token> is
      // app/(public)/pay/[token]/page.tsx.
      beforeFiles: [
        { source: "/pay/:token", has: [{ type: "header", key: "x-payer-page", value: "(?<page>[A-Za-z0-9_.-]+)" }], destination: "/pay-v/:page" },
      ],
    };
  },
  // On every response. Pages pass through proxy.ts, which replaces this policy with one carrying the page's nonce (and
  // adds HSTS, which depends on APP_URL at run time, while these are fixed at build time); a later entry for the same
  // header replaces an earlier one, so each response carries one policy.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries({ ...SECURITY_HEADERS, "Content-Security-Policy": FALLBACK_POLICY }).map(([key, value]) => ({ key, value })),
      },
      { source: "/dashboard/payments/:id/receipt", headers: [{ key: "Content-Security-Policy", value: RECEIPT_POLICY }] },
    ];
  },
};

export default nextConfig;
