// Benchmark probe (npm run bench): the server's memory by kind, and with ?gc=1 after a full garbage collection, so
// that what is left is what something still holds. 404 unless BENCH_ROUTES=1.
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { benchRoutesEnabled } from "@/db/bench";
import { pageCacheStats } from "@/server/payer-page-cache/cached-html";

export const dynamic = "force-dynamic";

function collectGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

export async function GET(req: Request) {
  if (!benchRoutesEnabled()) return new Response("Not found", { status: 404 });
  const collected = new URL(req.url).searchParams.get("gc") === "1";
  if (collected) collectGarbage();
  const m = process.memoryUsage();
  const cache = pageCacheStats();
  return Response.json(
    {
      collected,
      rss: m.rss,
      heapTotal: m.heapTotal,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      pageCacheBytes: cache.bytes,
      pageCacheEntries: cache.entries,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
