// A static page for uptime checks: no database, no session. The benchmark uses it as the framework's ceiling (the
// fastest page Next.js can serve) and as the floor of client JavaScript for an empty page. Next.js renders it for each
// request all the same, as its scripts carry that request's nonce (server/payer-page-cache/next-cache-handler.cjs does not keep it).
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Status" };
export const dynamic = "force-static";

export default function StatusPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-16">
      <h1 className="text-2xl font-semibold text-slate-900">Direct Payments is running</h1>
    </main>
  );
}
