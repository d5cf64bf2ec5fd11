// Runs once when the server starts: tells requests apart by their socket's address (sign-in throttling), and begins
// delivering any webhooks left in the outbox (also after a crash).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressHeader } = await import("./server/peer-address");
  installPeerAddressHeader();
  if (process.env.WEBHOOKS_DISABLED === "1") return;
  const { startWebhookDispatcher } = await import("./server/webhook-dispatcher");
  startWebhookDispatcher();
}
