import { describe, expect, it } from "vitest";
import type { PendingRow } from "@/db/payment-lists";
import { cancelStateOf, decisionButtonsHtml, pendingRowsHtml } from "./pending-rows-html";

const NOW = Date.UTC(2026, 10, 27, 12, 0);

const row: PendingRow = {
  id: 42,
  reference: "ABCD2345",
  amount: 1999,
  currency: "EUR",
  description: `Wallet "brown" <script>alert(1)</script>`,
  orderId: "A-1 & B",
  customerName: null,
  customerEmail: null,
  transactionId: "<img src=x onerror=alert(1)>",
  receiptFile: "r.png",
  submittedAt: NOW - 2 * 3600_000,
  createdAt: NOW - 3 * 3600_000,
  bankConfirmedAt: null,
  amountReceived: 0,
  methodName: "PayPal <b>",
};

describe("pendingRowsHtml", () => {
  it("escapes what customers and shops typed, everywhere", () => {
    const out = pendingRowsHtml([row], { now: NOW, tz: null, params: {} }).value;
    expect(out).not.toMatch(/<script|<img|<b>/);
    expect(out).toContain(`title="Wallet &quot;brown&quot; &lt;script&gt;alert(1)&lt;/script&gt;"`);
    expect(out).toContain(`A-1 &amp; B · Wallet &quot;brown&quot;`);
    expect(out).toContain(`<td class="txn">&lt;img src=x onerror=alert(1)&gt;<div class="rc">`);
    expect(out).toContain(`<div class="mth">PayPal &lt;b&gt;</div></td>`);
  });

  it("shows the reference, amount, receipt link, waiting time and the time in the viewer's zone or UTC", () => {
    const out = pendingRowsHtml([row], { now: NOW, tz: "Europe/Berlin", params: {} }).value;
    expect(out).toContain(`<a href="/dashboard/payments/42" class="ref">ABCD-2345</a>`);
    expect(out).toContain(`<td class="amt">€19.99<div class="mth">`);
    expect(out).not.toContain("bank statement");
    const confirmed = pendingRowsHtml([{ ...row, bankConfirmedAt: NOW }], { now: NOW, tz: null, params: {} }).value;
    expect(confirmed).toContain(`<span class="bank">✓ Found in the bank statement</span></td>`);
    expect(out).not.toContain("Part paid");
    // A bank statement showed only part of it: the agent sees so before approving.
    const part = pendingRowsHtml([{ ...row, amountReceived: 1499 }], { now: NOW, tz: null, params: {} }).value;
    expect(part).toContain(`<span class="part">Part paid: €14.99 of €19.99</span></td>`);
    // Approving it accepts the shortfall: it asks first, in a box of its own behind the Approve summary.
    expect(part).toContain(
      `<details class="ask"><summary aria-label="Approve ABCD-2345" class="btn-approve">Approve</summary><div class="approve-box"><p>Only €14.99 of €19.99 has arrived: €5.00 is missing.</p><button type="submit" form="approve-form" name="paymentId" value="42">Approve anyway</button></div></details>`,
    );
    expect(out).not.toContain("Approve anyway");
    expect(out).toContain(`href="/dashboard/payments/42/receipt"`);
    expect(out).toContain(`Receipt<span class="sr-only"> for ABCD-2345</span>`);
    expect(out).toContain(`>2 h</span><time datetime="2026-11-27T10:00:00.000Z">Nov 27, 2026, 11:00 AM</time>`);
    expect(pendingRowsHtml([row], { now: NOW, tz: null, params: {} }).value).toContain(">Nov 27, 2026, 10:00 AM UTC</time>");
    const bare = pendingRowsHtml([{ ...row, transactionId: null, receiptFile: null, orderId: null }], { now: NOW, tz: null, params: {} }).value;
    expect(bare).toContain(`<td class="txn none">none<div class="rc"><span class="nr">no receipt</span></div></td>`);
    expect(bare).toContain(`<td class="who none">no name given</td>`);
  });

  it("names the payer with their e-mail, what agents match a bank statement on", () => {
    const out = pendingRowsHtml([{ ...row, customerName: "Jane <Doe>", customerEmail: "jane@example.com" }], { now: NOW, tz: null, params: {} }).value;
    expect(out).toContain(`<td class="who"><span class="nm">Jane &lt;Doe&gt;</span><span class="em">jane@<wbr>example.com</span></td>`);
  });

  it("lets an e-mail address wrap after its @ only, and escapes both of its parts", () => {
    const email = (customerEmail: string) => pendingRowsHtml([{ ...row, customerName: null, customerEmail }], { now: NOW, tz: null, params: {} }).value;
    expect(email(`"a@b"<x>@example.com`)).toContain(`<span class="em">&quot;a@b&quot;&lt;x&gt;@<wbr>example.com</span>`);
    expect(email("no-at-sign")).toContain(`<span class="em">no-at-sign</span>`);
  });

  it("has the labelled Approve and Cancel controls, tied to the page's forms by the payment's id", () => {
    const out = pendingRowsHtml([row], { now: NOW, tz: null, params: {} }).value;
    expect(out).toContain(`<button type="submit" form="approve-form" name="paymentId" value="42" aria-label="Approve ABCD-2345"`);
    expect(out).toContain(`<details><summary aria-label="Cancel ABCD-2345" class="btn-cancel">Cancel</summary>`);
    expect(out).toContain(`<label for="reason-42">Reason (shown to the customer)</label><textarea form="cancel-form" id="reason-42" name="reason-42"`);
    expect(out).toContain(`<button type="submit" form="cancel-form" name="paymentId" value="42">Cancel payment</button>`);
    expect(out).not.toContain("role=\"alert\"");
  });

  it("opens the Cancel box again with its message and what was typed, for that payment only", () => {
    const params = { cancel: "42", cancelError: "long", reason: "</textarea><script>x</script>" };
    const out = pendingRowsHtml([row, { ...row, id: 43 }], { now: NOW, tz: null, params }).value;
    expect(out.match(/<details open>/g)).toHaveLength(1);
    expect(out).toContain(`aria-invalid="true" aria-describedby="reason-42-error" autofocus>\n&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>`);
    expect(out).toContain(`<p id="reason-42-error" role="alert">Keep the reason under 500 characters.</p>`);
  });
});

describe("cancelStateOf", () => {
  it("reads only known error keys for the named payment", () => {
    expect(cancelStateOf({ cancel: "7", cancelError: "empty" }, 7)).toEqual({ error: "Give the reason the customer will see.", reason: "" });
    expect(cancelStateOf({ cancel: "7", cancelError: "empty" }, 8)).toBeUndefined();
    expect(cancelStateOf({ cancel: "7", cancelError: "<b>made up</b>" }, 7)).toBeUndefined();
    expect(cancelStateOf({ cancel: "7", cancelError: "long", reason: "x".repeat(900) }, 7)?.reason).toHaveLength(600);
  });
});

describe("decisionButtonsHtml", () => {
  it("offers Cancel only for an open payment, and nothing once decided", () => {
    const open = decisionButtonsHtml({ id: 5, reference: "AAAA-BBBB", status: "open" }).value;
    expect(open).not.toContain("Approve");
    expect(open).toContain("Cancel AAAA-BBBB");
    expect(decisionButtonsHtml({ id: 5, reference: "AAAA-BBBB", status: "approved" }).value).toBe("");
  });
});
