// The mail a payer gets about their payment, in their language. Only these templates know the payer's secret link
// (/pay/<token>); staff mail is built in staff-mail.ts from a type without the token.
import { fill, mailWords, money, payerPageLink, reference, dateInBusinessZone, type MailContext } from "./context";
import { renderMail, type MailBlock, type RenderedMail } from "./layout";

/** The payment as payer mail shows it: the fields of a payments row of the same names. */
export type PayerPayment = {
  reference: string;
  /** The secret of the payer's page. */
  token: string;
  amount: number;
  currency: string;
  description: string;
  customerName: string | null;
  expiresAt: number;
  /** What is left to pay once a bank statement showed part of the amount arrive (lib/payment-status amountStillDue); absent or null: the whole amount. */
  amountStillDue?: number | null;
  /** What arrived that goes back to the payer (lib/payment-status refundDue): on a cancelled payment, what they paid. */
  refundDue?: number;
};

/** What the payer sent with "I have paid". */
export type PayerSubmission = {
  /** The name of the method they chose, as the page showed it. */
  method: string;
  transactionId: string | null;
  receiptFileName: string | null;
  submittedAt: number;
};

export type PayerMail =
  | { kind: "payment_link"; payment: PayerPayment }
  | { kind: "confirmation_received"; payment: PayerPayment; submission: PayerSubmission }
  | { kind: "approved"; payment: PayerPayment; approvedAt: number }
  | { kind: "cancelled"; payment: PayerPayment; reason: string | null }
  | { kind: "expiry_reminder"; payment: PayerPayment }
  /** What a bank statement showed arrived, less than the amount due (the reconciliation issue). */
  | { kind: "underpaid"; payment: PayerPayment; receivedAmount: number }
  /** An agent recorded sending money back: `refundedAmount` is all that was sent back so far. */
  | { kind: "refunded"; payment: PayerPayment; refundedAmount: number };

export type PayerMailKind = PayerMail["kind"];
export const PAYER_MAIL_KINDS = [
  "payment_link",
  "confirmation_received",
  "approved",
  "cancelled",
  "expiry_reminder",
  "underpaid",
  "refunded",
] as const satisfies readonly PayerMailKind[];

type Parts = { subject: string; heading: string; blocks: MailBlock[] };

function vars(ctx: MailContext, p: PayerPayment): { business: string; reference: string; amount: string } {
  return { business: ctx.business.name, reference: reference(p.reference), amount: money(ctx, p.amount, p.currency) };
}

function greeting(ctx: MailContext, p: PayerPayment): MailBlock {
  const w = mailWords(ctx.locale).common;
  return { type: "p", text: p.customerName?.trim() ? fill(w.helloName, { name: p.customerName.trim() }) : w.hello };
}

/** Amount, reference and what the payment is for: the lines a payer compares with their bank's app. */
function paymentFacts(ctx: MailContext, p: PayerPayment, extra: [string, string][] = []): MailBlock {
  const w = mailWords(ctx.locale).common;
  const rows: [string, string][] = [
    [w.amount, money(ctx, p.amount, p.currency)],
    [w.reference, reference(p.reference)],
  ];
  if (p.description.trim()) rows.push([w.description, p.description]);
  return { type: "facts", rows: [...rows, ...extra] };
}

function paymentLink(ctx: MailContext, p: PayerPayment): Parts {
  const w = mailWords(ctx.locale);
  const v = vars(ctx, p);
  return {
    subject: fill(w.link.subject, v),
    heading: fill(w.link.heading, v),
    blocks: [
      greeting(ctx, p),
      { type: "p", text: fill(w.link.body, v) },
      paymentFacts(ctx, p, [[w.common.expires, dateInBusinessZone(ctx, p.expiresAt)]]),
      { type: "button", label: w.link.button, url: payerPageLink(ctx, p.token) },
    ],
  };
}

function confirmationReceived(ctx: MailContext, p: PayerPayment, s: PayerSubmission): Parts {
  const w = mailWords(ctx.locale);
  const v = vars(ctx, p);
  const sent: [string, string][] = [
    [w.common.method, s.method],
    [w.common.transactionId, s.transactionId?.trim() || w.common.notGiven],
    [w.common.receipt, s.receiptFileName?.trim() || w.common.noReceipt],
    [w.common.submittedAt, dateInBusinessZone(ctx, s.submittedAt)],
  ];
  return {
    subject: fill(w.confirmation.subject, v),
    heading: w.confirmation.heading,
    blocks: [
      greeting(ctx, p),
      { type: "p", text: fill(w.confirmation.body, v) },
      paymentFacts(ctx, p, sent),
      { type: "button", label: w.confirmation.button, url: payerPageLink(ctx, p.token) },
    ],
  };
}

function approved(ctx: MailContext, p: PayerPayment, approvedAt: number): Parts {
  const w = mailWords(ctx.locale);
  const v = vars(ctx, p);
  return {
    subject: fill(w.approved.subject, v),
    heading: w.approved.heading,
    blocks: [
      greeting(ctx, p),
      { type: "p", text: fill(w.approved.body, v) },
      paymentFacts(ctx, p, [[w.approved.approvedAt, dateInBusinessZone(ctx, approvedAt)]]),
      { type: "button", label: w.approved.button, url: payerPageLink(ctx, p.token) },
    ],
  };
}

function cancelled(ctx: MailContext, p: PayerPayment, reason: string | null): Parts {
  const w = mailWords(ctx.locale);
  const v = vars(ctx, p);
  const why: MailBlock = reason?.trim()
    ? { type: "quote", label: w.cancelled.reason, text: reason.trim() }
    : { type: "p", text: w.cancelled.noReason };
  return {
    subject: fill(w.cancelled.subject, v),
    heading: w.cancelled.heading,
    blocks: [
      greeting(ctx, p),
      { type: "p", text: fill(w.cancelled.body, v) },
      why,
      paymentFacts(ctx, p),
      // Money that arrived goes back; else a payer who paid in a way no statement has shown yet is told whom to ask.
      { type: "p", text: p.refundDue ? fill(w.cancelled.refund, { ...v, refund: money(ctx, p.refundDue, p.currency) }) : fill(w.cancelled.ifPaid, v) },
    ],
  };
}

function expiryReminder(ctx: MailContext, p: PayerPayment): Parts {
  const w = mailWords(ctx.locale);
  const v = { ...vars(ctx, p), when: dateInBusinessZone(ctx, p.expiresAt) };
  // Part of it arrived (a bank statement showed it): the rest is what to pay before the link expires.
  const due = p.amountStillDue ?? null;
  const rest = due !== null ? { missing: money(ctx, due, p.currency), received: money(ctx, p.amount - due, p.currency) } : null;
  return {
    subject: fill(w.reminder.subject, v),
    heading: w.reminder.heading,
    blocks: [
      greeting(ctx, p),
      { type: "p", text: rest ? fill(w.reminder.bodyRest, { ...v, ...rest }) : fill(w.reminder.body, v) },
      paymentFacts(ctx, p, rest ? [[w.underpaid.missing, rest.missing], [w.common.expires, v.when]] : [[w.common.expires, v.when]]),
      { type: "button", label: w.reminder.button, url: payerPageLink(ctx, p.token) },
    ],
  };
}

function underpaid(ctx: MailContext, p: PayerPayment, receivedAmount: number): Parts {
  if (!Number.isSafeInteger(receivedAmount) || receivedAmount < 0 || receivedAmount >= p.amount) {
    throw new RangeError(`An underpaid mail needs 0 <= received < amount; got ${receivedAmount} of ${p.amount}`);
  }
  const w = mailWords(ctx.locale);
  const missing = money(ctx, p.amount - receivedAmount, p.currency);
  const received = money(ctx, receivedAmount, p.currency);
  const v = { ...vars(ctx, p), missing, received };
  const rows: [string, string][] = [
    [w.underpaid.due, v.amount],
    [w.underpaid.received, received],
    [w.underpaid.missing, missing],
    [w.common.reference, v.reference],
  ];
  return {
    subject: fill(w.underpaid.subject, v),
    heading: fill(w.underpaid.heading, v),
    blocks: [
      greeting(ctx, p),
      { type: "p", text: fill(w.underpaid.body, v) },
      { type: "facts", rows },
      { type: "button", label: w.underpaid.button, url: payerPageLink(ctx, p.token) },
    ],
  };
}

function parts(mail: PayerMail, ctx: MailContext): Parts {
  switch (mail.kind) {
    case "payment_link":
      return paymentLink(ctx, mail.payment);
    case "confirmation_received":
      return confirmationReceived(ctx, mail.payment, mail.submission);
    case "approved":
      return approved(ctx, mail.payment, mail.approvedAt);
    case "cancelled":
      return cancelled(ctx, mail.payment, mail.reason);
    case "expiry_reminder":
      return expiryReminder(ctx, mail.payment);
    case "underpaid":
      return underpaid(ctx, mail.payment, mail.receivedAmount);
    case "refunded":
      return refunded(ctx, mail.payment, mail.refundedAmount);
  }
}

function refunded(ctx: MailContext, p: PayerPayment, refundedAmount: number): Parts {
  const w = mailWords(ctx.locale);
  const v = { ...vars(ctx, p), refund: money(ctx, refundedAmount, p.currency) };
  return {
    subject: fill(w.refunded.subject, v),
    heading: w.refunded.heading,
    blocks: [greeting(ctx, p), { type: "p", text: fill(w.refunded.body, v) }, paymentFacts(ctx, p, [[w.refunded.sent, v.refund]]), { type: "p", text: fill(w.refunded.ifMissing, v) }],
  };
}

function payerFooter(ctx: MailContext, p: PayerPayment, hasLink: boolean): string[] {
  const w = mailWords(ctx.locale).payerFooter;
  const v = { business: ctx.business.name, reference: reference(p.reference), support: ctx.business.supportContact.trim() };
  return [fill(w.sentBy, v), ...(v.support ? [fill(w.support, v)] : []), ...(hasLink ? [w.keepPrivate] : [])];
}

/** A payer's mail in `ctx.locale` (choose it with payerMailLocale). */
export function renderPayerMail(mail: PayerMail, ctx: MailContext): RenderedMail {
  const { subject, heading, blocks } = parts(mail, ctx);
  return renderMail({
    locale: ctx.locale,
    subject,
    sender: ctx.business.name,
    heading,
    blocks,
    footer: payerFooter(ctx, mail.payment, blocks.some((b) => b.type === "button")),
  });
}
