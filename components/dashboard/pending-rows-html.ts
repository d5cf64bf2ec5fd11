// The Pending queue's rows and the decision buttons, as escaped markup strings (lib/html.ts), not React components:
// the one place the dashboard writes HTML by hand, used by the Pending page (its <tbody>) and the payment's page (the
// buttons, through decision-buttons.tsx). The queue shows 50 payments a page; as React elements, their ~1,000 elements
// were most of the page's server time, since each is rendered into the RSC payload and again into HTML (30–34 → 14–19
// ms of CPU a view when this was introduced, docs/performance.md). Measured again for issue 13, in-process with
// React's production build, 50 rows, 1,000 rounds: 0.41 ms as this string against 1.05 ms for the same rows as JSX
// through renderToString alone, before the RSC payload's second pass (and its bytes, which double the rows in the
// page). The Pending page's target is a p50 ≤ 1.5 × the customer page's render, met at 1.21–1.24: too close to spend
// that again. The classes are short names in app/globals.css (".pq", "Decision buttons").
//
// Without JavaScript everything is plain HTML: links, a <details> for Cancel, and buttons that belong, through the
// `form` attribute, to the page's one Approve form and one Cancel form (DecisionForms in decision-buttons.tsx), which
// post to a route handler and come back with a 303, with or without JavaScript; with it, links inside
// [data-soft-links] navigate client-side (SoftLinks).
import { html, type SafeHtml } from "@/lib/html";
import { formatDuration } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { amountStillDue } from "@/lib/payment-status";
import { formatInZone } from "@/lib/time-zone";
import type { PendingRow } from "@/db/payment-lists";

export const APPROVE_FORM = "approve-form";
export const CANCEL_FORM = "cancel-form";

export const CANCEL_ERRORS = {
  empty: "Give the reason the customer will see.",
  long: "Keep the reason under 500 characters.",
} as const;

export type CancelState = { error: string; reason: string };

type Params = Record<string, string | string[] | undefined>;

/**
 * The Cancel box to open again, from the query the cancel action redirected to after a bad reason
 * (?cancel=<id>&cancelError=<key of CANCEL_ERRORS>&reason=<what was typed>).
 */
export function cancelStateOf(params: Params, paymentId: number): CancelState | undefined {
  if (params.cancel !== String(paymentId)) return undefined;
  const key = params.cancelError;
  const error = key === "empty" || key === "long" ? CANCEL_ERRORS[key] : undefined;
  if (!error) return undefined;
  return { error, reason: typeof params.reason === "string" ? params.reason.slice(0, 600) : "" };
}

/** What arrived of a part-paid payment, as the Approve box words it (formatted amounts). */
export type PartPaid = { received: string; amount: string; missing: string };

/** A payment's PartPaid, when a bank statement showed only part of its amount arrive (amountStillDue). */
export function partPaidOf(p: { amount: number; amountReceived: number; currency: string; bankConfirmedAt: number | null }): PartPaid | undefined {
  const missing = amountStillDue({ ...p, status: "submitted" });
  if (missing === null) return undefined;
  const money = (minor: number) => formatMoney(minor, p.currency, "en");
  return { received: money(p.amountReceived), amount: money(p.amount), missing: money(missing) };
}

/**
 * Approve (a tick; submitted payments; asking first when only part of the amount arrived) and Cancel behind a <details> with the reason (submitted or open ones), to go
 * inside an element with class "acts".
 */
export function decisionButtonsHtml(p: { id: number; reference: string; status: string }, cancel?: CancelState, partPaid?: PartPaid): SafeHtml {
  const ref = p.reference;
  const id = `reason-${p.id}`;
  const button = (attrs: SafeHtml, text: string) => html`<button type="submit" form="${APPROVE_FORM}" name="paymentId" value="${p.id}"${attrs}>${text}</button>`;
  // Part of the amount arrived: approving accepts the shortfall, so it asks first.
  const approve =
    p.status === "submitted" &&
    (partPaid
      ? html`<details class="ask"><summary aria-label="Approve ${ref}" class="btn-approve">Approve</summary><div class="approve-box"><p>Only ${partPaid.received} of ${partPaid.amount} has arrived: ${partPaid.missing} is missing.</p>${button(html``, "Approve anyway")}</div></details>`
      : button(html` aria-label="Approve ${ref}" title="Approve: the money has arrived" class="btn-approve"`, "Approve"));
  // The textarea's first newline is eaten by the HTML parser: this one, so that a typed reason keeps its own.
  const cancelBox =
    (p.status === "submitted" || p.status === "open") &&
    html`<details${cancel ? html` open` : ""}><summary aria-label="Cancel ${ref}" class="btn-cancel">Cancel</summary><div class="cancel-box"><label for="${id}">Reason (shown to the customer)</label><textarea form="${CANCEL_FORM}" id="${id}" name="${id}" rows="2" maxlength="600" placeholder="No payment arrived"${
      cancel ? html` aria-invalid="true" aria-describedby="${id}-error" autofocus` : ""
    }>\n${cancel?.reason}</textarea>${cancel ? html`<p id="${id}-error" role="alert">${cancel.error}</p>` : ""}<button type="submit" form="${CANCEL_FORM}" name="paymentId" value="${p.id}">Cancel payment</button></div></details>`;
  return html`${approve}${cancelBox}`;
}

/** An e-mail address that wraps, where it must, after its "@" rather than inside a word. */
function emailHtml(email: string): SafeHtml {
  const at = email.lastIndexOf("@");
  return at > 0 ? html`${email.slice(0, at + 1)}<wbr>${email.slice(at + 1)}` : html`${email}`;
}

/** The rows of the Pending queue's table body. */
export function pendingRowsHtml(rows: readonly PendingRow[], opts: { now: number; tz: string | null; params: Params }): SafeHtml {
  return html`${rows.map((p) => {
    const ref = formatReference(p.reference);
    const part = partPaidOf(p);
    const iso = p.submittedAt ? new Date(p.submittedAt).toISOString() : null;
    return html`<tr data-testid="pending-row"><td><a href="/dashboard/payments/${p.id}" class="ref">${ref}</a><div class="sub" title="${p.description}">${
      p.orderId ? `${p.orderId} · ` : ""
    }${p.description}</div></td><td class="amt">${formatMoney(p.amount, p.currency, "en")}<div class="mth">${p.methodName ?? "—"}</div>${
      p.bankConfirmedAt
        ? html`<span class="bank">✓ Found in the bank statement</span>`
        : part
          ? html`<span class="part">Part paid: ${part.received} of ${part.amount}</span>`
          : ""
    }</td>${
      // Who paid, as the bank statement will name them: what an agent matches a transfer on.
      p.customerName || p.customerEmail
        ? html`<td class="who">${p.customerName ? html`<span class="nm">${p.customerName}</span>` : ""}${p.customerEmail ? html`<span class="em">${emailHtml(p.customerEmail)}</span>` : ""}</td>`
        : html`<td class="who none">no name given</td>`
    }${
      // The transaction ID and the receipt share a cell, so that the row fits a 1024 px screen.
      html`<td class="txn${p.transactionId ? "" : " none"}">${p.transactionId ?? "none"}<div class="rc">${
        p.receiptFile
          ? html`<a href="/dashboard/payments/${p.id}/receipt" target="_blank" rel="noopener" class="rcpt">Receipt<span class="sr-only"> for ${ref}</span></a>`
          : html`<span class="nr">no receipt</span>`
      }</div></td>`
    }<td class="wait">${
      iso
        ? html`<span title="${iso}">${formatDuration(opts.now - p.submittedAt!)}</span><time datetime="${iso}">${formatInZone(p.submittedAt!, opts.tz)}</time>`
        : formatDuration(0)
    }</td><td><div class="acts">${decisionButtonsHtml({ id: p.id, reference: ref, status: "submitted" }, cancelStateOf(opts.params, p.id), part)}</div></td></tr>`;
  })}`;
}
