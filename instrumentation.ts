// Runs once when the server starts: begins delivering any webhooks left in the outbox (also after a crash).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.WEBHOOKS_DISABLED === "1") return;
  const { startWebhookDispatcher } = await import("./server/webhook-dispatcher");
  startWebhookDispatcher();
}
