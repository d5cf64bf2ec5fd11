// A payment's history as staff read it: each status change in words ("Approved by Ada"), with the payer's choice of
// method (not a status change, so not an event row) placed at the time it was made.
import type { ActorType, PaymentStatus } from "./payment-status";

export type TimelineEvent = {
  id: number;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  fromStatus: PaymentStatus | null;
  toStatus: PaymentStatus;
  reason: string | null;
  createdAt: number;
  /** The bank statement line behind the event, if a statement caused it (db/bank). */
  bankLineId?: number | null;
};

export type TimelineEntry = { key: string; title: string; note?: string; at: number };

function who(e: TimelineEvent): string {
  if (e.actorType === "user") return e.actorName ?? `user #${e.actorId}`;
  if (e.actorType === "api_key") return "the shop, through the API";
  if (e.actorType === "customer") return "the customer";
  if (e.actorType === "bank") return "a bank statement";
  return "the system";
}

function entryOf(e: TimelineEvent): TimelineEntry {
  const base = { key: `e${e.id}`, at: e.createdAt };
  if (!e.fromStatus) return { ...base, title: e.actorType === "api_key" ? "Link created by the shop, through the API" : `Link created by ${who(e)}` };
  // A statement line that changed what was received but not the status (underpaid, topped up, overpaid).
  if (e.fromStatus === e.toStatus) return { ...base, title: e.bankLineId ? "A bank statement line was matched" : `${e.toStatus} (${who(e)})`, note: e.reason ?? undefined };
  switch (e.toStatus) {
    case "submitted":
      return { ...base, title: "The customer says they have paid", note: "Waiting for a check: find the money in your account." };
    case "approved":
      return { ...base, title: `Approved by ${who(e)}`, note: "The money has arrived." };
    case "cancelled":
      return { ...base, title: `Cancelled by ${who(e)}`, note: e.reason ? `Reason shown to the customer: “${e.reason}”` : undefined };
    case "expired":
      return { ...base, title: "Expired", note: e.fromStatus === "open" ? "The customer did not pay in time." : (e.reason ?? undefined) };
    default:
      return { ...base, title: `${e.fromStatus} → ${e.toStatus} by ${who(e)}`, note: e.reason ?? undefined };
  }
}

/** Oldest first. `method` is the payer's current choice and when it was made, if any. */
export function timelineEntries(events: readonly TimelineEvent[], method: { name: string; at: number | null } | null): TimelineEntry[] {
  const entries = events.map(entryOf);
  if (method && method.at != null) {
    const choice: TimelineEntry = { key: "method", title: `The customer chose ${method.name}`, note: "They were shown its account details.", at: method.at };
    // After every event at or before the choice (a choice made the same millisecond as the link comes after it).
    const i = entries.findIndex((x) => x.at > method.at!);
    entries.splice(i === -1 ? entries.length : i, 0, choice);
  }
  return entries;
}
