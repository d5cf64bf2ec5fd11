// The mail staff get: new work waiting (one payment, or a digest), and for admins connection requests, comments and
// disabled webhook endpoints. Payments here are StaffPayment, which has no token: staff mail links to the dashboard's
// page of a payment and can never carry the payer's secret link.
import { appLink, dashboardPaymentLink, dateInBusinessZone, fill, mailWords, money, plural, reference, type MailContext } from "./context";
import { oneLine, renderMail, type MailBlock, type RenderedMail } from "./layout";

/** A payment waiting for approval, as staff mail shows it: the fields of a payments row of the same names. */
export type StaffPayment = {
  id: number;
  reference: string;
  amount: number;
  currency: string;
  description: string;
  customerName: string | null;
  /** The chosen method's name. */
  method: string | null;
  transactionId: string | null;
  submittedAt: number;
};

export type StaffRequest = { id: number; paymentSystem: string };

export type StaffMail =
  | { kind: "pending_one"; payment: StaffPayment }
  /** `payments` as many as the mail should list (the oldest first, say 20); `totalWaiting` how many wait in all. */
  | { kind: "pending_digest"; payments: readonly StaffPayment[]; totalWaiting: number }
  | { kind: "connection_request"; request: StaffRequest & { countries: string }; requesterName: string }
  | { kind: "request_comment"; request: StaffRequest; authorName: string; comment: string }
  | { kind: "webhook_disabled"; endpoint: { id: number; url: string }; failures: number; lastError: string | null }
  /** Settings → E-mail → "send a test e-mail" to oneself. */
  | { kind: "test" };

export type StaffMailKind = StaffMail["kind"];
export const STAFF_MAIL_KINDS = [
  "pending_one",
  "pending_digest",
  "connection_request",
  "request_comment",
  "webhook_disabled",
  "test",
] as const satisfies readonly StaffMailKind[];

/** How many references a digest's subject names before "…". */
const DIGEST_SUBJECT_REFERENCES = 3;

type Parts = { subject: string; heading: string; blocks: MailBlock[] };

function customerOf(ctx: MailContext, p: StaffPayment): string {
  return p.customerName?.trim() || mailWords(ctx.locale).common.someCustomer;
}

function pendingOne(ctx: MailContext, p: StaffPayment): Parts {
  const w = mailWords(ctx.locale);
  const v = { reference: reference(p.reference), amount: money(ctx, p.amount, p.currency), customer: customerOf(ctx, p) };
  const rows: [string, string][] = [
    [w.common.amount, v.amount],
    [w.common.reference, v.reference],
    [w.common.transactionId, p.transactionId?.trim() || w.common.notGiven],
    [w.common.method, p.method?.trim() || w.common.notGiven],
    [w.common.customer, v.customer],
  ];
  if (p.description.trim()) rows.push([w.common.description, p.description]);
  rows.push([w.common.submittedAt, dateInBusinessZone(ctx, p.submittedAt)]);
  return {
    subject: fill(w.pendingOne.subject, v),
    heading: w.pendingOne.heading,
    blocks: [
      { type: "p", text: fill(w.pendingOne.body, v) },
      { type: "facts", rows },
      { type: "button", label: w.pendingOne.button, url: dashboardPaymentLink(ctx, p.id) },
    ],
  };
}

function digestLine(ctx: MailContext, p: StaffPayment): string {
  const parts = [reference(p.reference), money(ctx, p.amount, p.currency), oneLine(customerOf(ctx, p), 80)];
  if (p.transactionId?.trim()) parts.push(oneLine(p.transactionId, 100));
  return parts.join(" · ");
}

function pendingDigest(ctx: MailContext, payments: readonly StaffPayment[], totalWaiting: number): Parts {
  const w = mailWords(ctx.locale);
  const total = Math.max(totalWaiting, payments.length);
  if (total === 0) throw new RangeError("A digest of no waiting payments is not sent");
  const refs = payments.slice(0, DIGEST_SUBJECT_REFERENCES).map((p) => reference(p.reference));
  const references = refs.join(", ") + (total > refs.length ? ", …" : "");
  const blocks: MailBlock[] = [
    { type: "p", text: w.digest.body },
    { type: "links", items: payments.map((p) => ({ text: digestLine(ctx, p), url: dashboardPaymentLink(ctx, p.id) })) },
  ];
  if (total > payments.length) blocks.push({ type: "p", text: plural(ctx.locale, w.digest.more, total - payments.length) });
  blocks.push({ type: "button", label: w.digest.button, url: appLink(ctx, "/dashboard") });
  return {
    subject: fill(w.digest.subject, { count: plural(ctx.locale, w.digest.countShort, total), references }),
    heading: fill(w.digest.heading, { count: plural(ctx.locale, w.digest.count, total) }),
    blocks,
  };
}

function connectionRequest(ctx: MailContext, r: StaffRequest & { countries: string }, requester: string): Parts {
  const w = mailWords(ctx.locale);
  const v = { id: String(r.id), system: oneLine(r.paymentSystem, 120), requester };
  const rows: [string, string][] = [
    [w.connectionRequest.system, r.paymentSystem],
    ...(r.countries.trim() ? [[w.connectionRequest.countries, r.countries] as [string, string]] : []),
    [w.connectionRequest.requester, requester],
  ];
  return {
    subject: fill(w.connectionRequest.subject, v),
    heading: fill(w.connectionRequest.heading, v),
    blocks: [
      { type: "p", text: w.connectionRequest.body },
      { type: "facts", rows },
      { type: "button", label: w.connectionRequest.button, url: appLink(ctx, `/dashboard/requests/${r.id}`) },
    ],
  };
}

function requestComment(ctx: MailContext, r: StaffRequest, author: string, comment: string): Parts {
  const w = mailWords(ctx.locale);
  const v = { id: String(r.id), system: oneLine(r.paymentSystem, 120), author };
  return {
    subject: fill(w.requestComment.subject, v),
    heading: fill(w.requestComment.heading, v),
    blocks: [
      { type: "facts", rows: [[w.connectionRequest.system, r.paymentSystem]] },
      { type: "quote", label: w.requestComment.comment, text: comment },
      { type: "button", label: w.requestComment.button, url: appLink(ctx, `/dashboard/requests/${r.id}`) },
    ],
  };
}

function webhookDisabled(ctx: MailContext, endpoint: { id: number; url: string }, failures: number, lastError: string | null): Parts {
  const w = mailWords(ctx.locale);
  const v = { id: String(endpoint.id), failures: String(failures) };
  const rows: [string, string][] = [[w.webhookDisabled.url, endpoint.url]];
  if (lastError?.trim()) rows.push([w.webhookDisabled.lastError, oneLine(lastError, 300)]);
  return {
    subject: fill(w.webhookDisabled.subject, v),
    heading: w.webhookDisabled.heading,
    blocks: [
      { type: "p", text: fill(w.webhookDisabled.body, v) },
      { type: "facts", rows },
      { type: "button", label: w.webhookDisabled.button, url: appLink(ctx, `/dashboard/settings/webhooks/${endpoint.id}`) },
    ],
  };
}

function testMail(ctx: MailContext): Parts {
  const w = mailWords(ctx.locale);
  const v = { business: ctx.business.name };
  return {
    subject: fill(w.test.subject, v),
    heading: w.test.heading,
    blocks: [
      { type: "p", text: fill(w.test.body, v) },
      { type: "button", label: w.test.button, url: appLink(ctx, "/dashboard/settings/email") },
    ],
  };
}

function parts(mail: StaffMail, ctx: MailContext): Parts {
  switch (mail.kind) {
    case "pending_one":
      return pendingOne(ctx, mail.payment);
    case "pending_digest":
      return pendingDigest(ctx, mail.payments, mail.totalWaiting);
    case "connection_request":
      return connectionRequest(ctx, mail.request, mail.requesterName);
    case "request_comment":
      return requestComment(ctx, mail.request, mail.authorName, mail.comment);
    case "webhook_disabled":
      return webhookDisabled(ctx, mail.endpoint, mail.failures, mail.lastError);
    case "test":
      return testMail(ctx);
  }
}

/** A staff member's mail in `ctx.locale`. */
export function renderStaffMail(mail: StaffMail, ctx: MailContext): RenderedMail {
  const { subject, heading, blocks } = parts(mail, ctx);
  const w = mailWords(ctx.locale).staffFooter;
  return renderMail({
    locale: ctx.locale,
    subject,
    sender: ctx.business.name,
    heading,
    blocks,
    footer: [fill(w.why, { business: ctx.business.name }), fill(w.settings, { url: appLink(ctx, "/dashboard/account") })],
  });
}
