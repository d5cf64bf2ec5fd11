import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "bcryptjs"],
  poweredByHeader: false,
  // The payer's pages are cached per state (proxy.ts, lib/payer-page-cache.ts) in memory only: an LRU of this many
  // bytes, never written to disk (a million payments would otherwise leave a million files under .next/).
  cacheMaxMemorySize: pageCacheBytes(),
  experimental: {
    isrFlushToDisk: false,
    // proxy.ts sees the payer's form posts, receipts included; it must pass them on whole (the default cuts at 10 MB).
    proxyClientMaxBodySize: "12mb",
    // Receipts up to 10 MB arrive through the Confirm server action, plus the form's other fields.
    serverActions: { bodySizeLimit: "11mb" },
  },
  async rewrites() {
    return {
      // proxy.ts names the payer's page for the payment's current state in this header (and drops any a client sent).
      beforeFiles: [{ source: "/pay/:token", has: [{ type: "header", key: "x-payer-page", value: "(?<page>[A-Za-z0-9_.-]+)" }], destination: "/pay-v/:page" }],
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // same-origin: the token in /pay/ URLs never leaks to other sites, while our own form posts keep their Origin header,
          // which the server actions check (no-referrer would make browsers send "Origin: null" and fail that check).
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

function pageCacheBytes(): number {
  const mb = Number(process.env.PAGE_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb >= 0 ? Math.round(mb * 1024 * 1024) : 64 * 1024 * 1024;
}

export default nextConfig;
