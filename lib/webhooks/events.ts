// The events a webhook endpoint can subscribe to, and the states of one delivery of an event to one endpoint.

export const WEBHOOK_EVENT_TYPES = [
  "payment.submitted",
  "payment.approved",
  "payment.cancelled",
  "payment.expired",
  "payment.matched",
  "payment.underpaid",
  "payment.overpaid",
  "payment.refunded",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each event means, in the words of the endpoint form. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "payment.submitted": "The customer says they have paid",
  "payment.approved": "An agent approved the payment",
  "payment.cancelled": "An agent or the shop cancelled it",
  "payment.expired": "The link ran out of time",
  "payment.matched": "A bank statement line pays it in full",
  "payment.underpaid": "A bank statement line pays part of it",
  "payment.overpaid": "Bank statement lines pay more than it asks",
  "payment.refunded": "An agent recorded sending money back to the payer",
};

export function isWebhookEventType(x: unknown): x is WebhookEventType {
  return typeof x === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(x);
}

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
