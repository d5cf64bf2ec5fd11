// Standard Webhooks signatures: "v1," + base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")).
import crypto from "node:crypto";

const PREFIX = "whsec_";

/** A new endpoint secret in the Standard Webhooks format: "whsec_" + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return PREFIX + crypto.randomBytes(24).toString("base64");
}

export function isWebhookSecret(s: string): boolean {
  if (!s.startsWith(PREFIX)) return false;
  const raw = s.slice(PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && Buffer.from(raw, "base64").length >= 16;
}

export function signWebhook(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  const mac = crypto.createHmac("sha256", key).update(`${msgId}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers a receiver needs to verify one delivery attempt. */
export function webhookHeaders(secret: string, msgId: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": signWebhook(secret, msgId, timestampSeconds, body),
  };
}
