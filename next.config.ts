import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "bcryptjs"],
  poweredByHeader: false,
  experimental: {
    // Receipts up to 10 MB arrive through the Confirm server action, plus the form's other fields.
    serverActions: { bodySizeLimit: "11mb" },
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

export default nextConfig;
