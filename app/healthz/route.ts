// GET /healthz for load balancers and uptime checks: 200 when the database answers and is fully migrated, 503 naming
// the check that failed otherwise. No session needed; nothing secret in the answer (db/health.ts).
import { getDb } from "@/db/client";
import { databaseHealth, type DatabaseHealth } from "@/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  let health: DatabaseHealth;
  try {
    health = await databaseHealth(await getDb());
  } catch {
    // getDb could not open the database (or could not migrate it).
    health = { status: "unavailable", database: "unreachable", reason: "database unreachable" };
  }
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
