// The payment state machine: which status changes are allowed, and for whom.

export const PAYMENT_STATUSES = ["open", "submitted", "approved", "cancelled", "expired"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * customer = payer via the link; user = signed-in staff; api_key = the shop's backend; system = timers;
 * bank = an imported bank statement line that pays the payment (db/bank).
 */
export const ACTOR_TYPES = ["customer", "user", "api_key", "system", "bank"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export type Transition = {
  readonly from: PaymentStatus;
  readonly to: PaymentStatus;
  readonly actors: readonly ActorType[];
};

/**
 * The complete list; anything absent is forbidden. Approval is staff-only because it releases
 * goods against money nobody has verified automatically, and an API key may cancel only while
 * the payer has not yet claimed to have paid, so a shop cannot silently drop a submitted payment.
 */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  // The money is on the merchant's account (a bank statement line pays it): it waits for approval like a "paid" press.
  Object.freeze({ from: "open", to: "submitted", actors: Object.freeze(["customer", "bank"] as const) }),
  Object.freeze({ from: "open", to: "cancelled", actors: Object.freeze(["user", "api_key"] as const) }),
  Object.freeze({ from: "open", to: "expired", actors: Object.freeze(["system"] as const) }),
  // The bank: only when the bank account says to approve exact matches automatically (off by default).
  Object.freeze({ from: "submitted", to: "approved", actors: Object.freeze(["user", "bank"] as const) }),
  Object.freeze({ from: "submitted", to: "cancelled", actors: Object.freeze(["user"] as const) }),
]) as readonly Transition[];

const TERMINAL: ReadonlySet<PaymentStatus> = new Set<PaymentStatus>(["approved", "cancelled", "expired"]);

export function isPaymentStatus(x: unknown): x is PaymentStatus {
  return typeof x === "string" && (PAYMENT_STATUSES as readonly string[]).includes(x);
}

export function isTerminal(s: PaymentStatus): boolean {
  return TERMINAL.has(s);
}

function findTransition(from: PaymentStatus, to: PaymentStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/**
 * The status a payment has at `now`. An open payment past its expiry has expired, whether or not the expiry job
 * (server/jobs.ts) has written that yet: every read shows this, so no read needs to write.
 */
export function effectiveStatus(payment: { status: PaymentStatus; expiresAt: number }, now = Date.now()): PaymentStatus {
  return payment.status === "open" && payment.expiresAt <= now ? "expired" : payment.status;
}

/**
 * What the payer still has to send once a bank statement showed part of the amount arrive: the rest, while the payment
 * still takes money (open, or submitted before the money was seen) and the bank has not confirmed it paid (a shortfall
 * within the bank account's fee tolerance confirms it). Null when nothing has arrived, or all of it: then the amount
 * is what to pay, as it always was.
 */
export function amountStillDue(payment: { status: PaymentStatus; amount: number; amountReceived: number; bankConfirmedAt: number | null }): number | null {
  if (payment.status !== "open" && payment.status !== "submitted") return null;
  if (payment.amountReceived <= 0 || payment.amountReceived >= payment.amount || payment.bankConfirmedAt !== null) return null;
  return payment.amount - payment.amountReceived;
}

/**
 * Money to send back to the payer, in minor units: what arrived on top of the amount, or, for a payment cancelled or
 * expired, everything that arrived; less what agents recorded as refunded. 0 when there is nothing to send back.
 */
export function refundDue(
  payment: { status: PaymentStatus; expiresAt: number; amount: number; amountReceived: number; amountRefunded: number },
  now = Date.now(),
): number {
  const status = effectiveStatus(payment, now);
  const kept = status === "cancelled" || status === "expired" ? 0 : payment.amount;
  return Math.max(0, payment.amountReceived - kept - payment.amountRefunded);
}

/**
 * refundDue > 0 of a payment's stored status, as SQL on its columns: the partial index of the refunds to make
 * (payments_refund_due_idx) and its query say it in the same words, so that the query uses the index.
 */
export const REFUND_DUE_SQL = "amount_received > amount_refunded + CASE WHEN status IN ('cancelled', 'expired') THEN 0 ELSE amount END";

/** The payment as a read shows it: with its effective status (the same object when that is its stored one). */
export function withEffectiveStatus<T extends { status: PaymentStatus; expiresAt: number }>(payment: T, now = Date.now()): T {
  const status = effectiveStatus(payment, now);
  return status === payment.status ? payment : { ...payment, status };
}

/** The statuses from which `actor` may move a payment to `to`, in the order of TRANSITIONS. */
export function fromStatuses(to: PaymentStatus, actor: ActorType): PaymentStatus[] {
  return TRANSITIONS.filter((t) => t.to === to && t.actors.includes(actor)).map((t) => t.from);
}

export function canTransition(from: PaymentStatus, to: PaymentStatus, actor: ActorType): boolean {
  return findTransition(from, to)?.actors.includes(actor) ?? false;
}

const TERMINAL_MESSAGE: Record<PaymentStatus, string> = {
  open: "",
  submitted: "",
  approved: "This payment was already approved.",
  cancelled: "This payment was already cancelled.",
  expired: "This payment has expired.",
};

const ALREADY_MESSAGE: Record<PaymentStatus, string> = {
  open: "This payment is already open.",
  submitted: "This payment was already marked as paid.",
  approved: TERMINAL_MESSAGE.approved,
  cancelled: TERMINAL_MESSAGE.cancelled,
  expired: TERMINAL_MESSAGE.expired,
};

// "Only <who> can <action>" for a known transition attempted by the wrong actor.
const ACTION: Record<PaymentStatus, (payment: string) => string> = {
  open: (p) => `reopen ${p}`,
  submitted: (p) => `mark ${p} as paid`,
  approved: (p) => `approve ${p}`,
  cancelled: (p) => `cancel ${p}`,
  expired: (p) => `expire ${p}`,
};

// "Only <status> payment <outcome>" when the source status is wrong.
const OUTCOME: Record<PaymentStatus, string> = {
  open: "can be reopened",
  submitted: "can be marked as paid",
  approved: "can be approved",
  cancelled: "can be cancelled",
  expired: "can expire",
};

const ACTOR_LABEL: Record<ActorType, string> = {
  customer: "the payer",
  user: "a team member",
  api_key: "an API key",
  system: "the system",
  bank: "a bank statement",
};

function article(status: PaymentStatus): string {
  return status === "open" ? "an open" : `a ${status}`;
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** null when allowed; otherwise a sentence that can be shown to whoever attempted it. */
export function transitionError(from: PaymentStatus, to: PaymentStatus, actor: ActorType): string | null {
  if (canTransition(from, to, actor)) return null;
  if (from === to) return ALREADY_MESSAGE[from];
  if (isTerminal(from)) return TERMINAL_MESSAGE[from];

  const transition = findTransition(from, to);
  if (transition) {
    // The bank is no one to ask: the message names the people (and systems) who can.
    const who = joinOr(transition.actors.filter((a) => a !== "bank").map((a) => ACTOR_LABEL[a]));
    return `Only ${who} can ${ACTION[to](`${article(from)} payment`)}.`;
  }

  const sources = TRANSITIONS.filter((t) => t.to === to).map((t) => t.from);
  // Nothing ever returns to "open": a reopened payment could be paid twice under one reference.
  if (sources.length === 0) return "A payment cannot be reopened.";
  return `Only ${joinOr(sources.map(article))} payment ${OUTCOME[to]}.`;
}
