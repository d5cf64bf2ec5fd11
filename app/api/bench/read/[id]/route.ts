// Benchmark reference point (npm run bench): a route handler that reads one row by primary key. 404 unless BENCH_ROUTES=1.
import { getDb } from "@/db/client";
import { benchReadOne, benchRoutesEnabled } from "@/db/bench";
import { parseId } from "@/lib/parse-id";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!benchRoutesEnabled()) return new Response("Not found", { status: 404 });
  const { id } = await params;
  const rowId = parseId(id);
  const row = rowId ? await benchReadOne(await getDb(), rowId) : undefined;
  if (!row) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json({ id: row.id, status: row.status, amount: row.amount, currency: row.currency });
}
