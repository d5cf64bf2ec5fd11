// Runs once when the server starts: tells requests apart by their socket's address (sign-in throttling), and starts the
// background jobs (server/jobs.ts): webhook deliveries (any left in the outbox too, also after a crash), the expiry of
// overdue payments, and forgetting old idempotency keys; and shuts them down gracefully on SIGTERM/SIGINT
// (server/shutdown.ts): in-flight deliveries finished or released, the database closed before the process exits.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHeader } = await import("./server/peer-address");
  installPeerAddressHeader();
  const { startJobs, stopJobs } = await import("./server/jobs");
  startJobs();
  const { installGracefulShutdown } = await import("./server/shutdown");
  const { closeOpenDb } = await import("./db/client");
  installGracefulShutdown({ stopJobs, closeDatabase: closeOpenDb });
}

// Any error a page, route handler or server action throws: one log line with the request's id (set by proxy.ts, or
// the id the request came with) and the digest the error page shows.
export async function onRequestError(
  err: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./server/logger");
  const reqId = request.headers["x-request-id"];
  const digest = (err as { digest?: string } | null)?.digest;
  logger.error({ err, reqId, method: request.method, path: request.path.split("?")[0], route: context.routePath, kind: context.routeType, digest }, "request failed");
}
