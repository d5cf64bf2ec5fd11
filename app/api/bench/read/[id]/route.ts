// Benchmark reference point (npm run bench): a route handler that reads one row by primary key. 404 unless BENCH_ROUTES=1.
import { getDb } from "@/db/client";
import { benchReadOne, benchRoutesEnabled } from "@/db/bench";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!benchRoutesEnabled()) return new Response("Not found", { status: 404 });
  const { id } = await params;
  const row = /^\d{1,12}$/.test(id) ? benchReadOne(getDb(), Number(id)) : undefined;
  if (!row) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json({ id: row.id, status: row.status, amount: row.amount, currency: row.currency });
}
