// Benchmark reference point (npm run bench): a route handler that inserts one row. 404 unless BENCH_ROUTES=1.
import { getDb } from "@/db/client";
import { benchInsertOne, benchRoutesEnabled } from "@/db/bench";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  if (!benchRoutesEnabled()) return new Response("Not found", { status: 404 });
  const note = (await req.text()).slice(0, 200);
  const id = await benchInsertOne(await getDb(), note);
  return Response.json({ id }, { status: 201 });
}
