import path from "node:path";
import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "bcryptjs"],
  poweredByHeader: false,
  // The payer's pages are cached per state (proxy.ts, lib/payer-page-cache.ts) in memory only, in our own handler
  // (bounded by PAGE_CACHE_MB), which proxy.ts also reads; Next.js's own memory layer would only hold a second copy.
  cacheHandler: path.resolve("server/page-cache-handler.cjs"),
  cacheMaxMemorySize: 0,
  experimental: {
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
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
