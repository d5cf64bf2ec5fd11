// The words the e-mail outbox stores: a message's state, its kind, and what a staff member chose to hear of new work.
import { PAYER_MAIL_KINDS } from "./payer-mail";
import { STAFF_MAIL_KINDS } from "./staff-mail";

/** pending: waiting for its (next) attempt; sent: the server accepted it; failed: refused for good, or out of tries. */
export const EMAIL_STATES = ["pending", "sent", "failed"] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

export const EMAIL_KINDS = [...PAYER_MAIL_KINDS, ...STAFF_MAIL_KINDS] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** Mail about payments waiting for approval: every one as it arrives, a digest every N minutes, or none. */
export const PENDING_MAIL_CHOICES = ["each", "digest", "none"] as const;
export type PendingMailChoice = (typeof PENDING_MAIL_CHOICES)[number];

/** The digest intervals the account page offers, in minutes. */
export const DIGEST_MINUTES = [15, 60, 240, 1440] as const;

/** How Settings → E-mail and a payment's timeline name each kind of message. */
export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  payment_link: "Payment link",
  confirmation_received: "Confirmation received",
  approved: "Payment approved",
  cancelled: "Payment cancelled",
  expiry_reminder: "Expiry reminder",
  underpaid: "Underpaid",
  refunded: "Refund sent",
  pending_one: "Waiting for approval",
  pending_digest: "Digest of waiting payments",
  connection_request: "New connection request",
  request_comment: "Comment on a request",
  webhook_disabled: "Webhook endpoint disabled",
  test: "Test e-mail",
};

/** A message's state as a person reads it: a pending message that was tried already is being retried. */
export function emailStateLabel(m: { status: EmailState; attempts: number }): "queued" | "retrying" | "sent" | "failed" {
  if (m.status === "pending") return m.attempts > 0 ? "retrying" : "queued";
  return m.status;
}
