import path from "node:path";
import type { NextConfig } from "next";
import { FALLBACK_POLICY, RECEIPT_POLICY, SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "bcryptjs", "pino", "pino-pretty"],
  poweredByHeader: false,
  // The payer's pages are cached per state (proxy.ts, lib/payer-page-cache.ts) in memory only, in our own handler
  // (bounded by PAGE_CACHE_MB), which proxy.ts also reads; Next.js's own memory layer would only hold a second copy.
  cacheHandler: path.resolve("server/page-cache-handler.cjs"),
  cacheMaxMemorySize: 0,
  async rewrites() {
    return {
      // proxy.ts names the payer's page for the payment's current state in one of these headers (and drops any a
      // client sent): the cached page of that state, or the live one of the "I have paid" form's errors.
      beforeFiles: [
        { source: "/pay/:token", has: [{ type: "header", key: "x-payer-page-live", value: "(?<page>[A-Za-z0-9_.-]+)" }], destination: "/pay-d/:page" },
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
