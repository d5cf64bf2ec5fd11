import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n";
import { payerMailLocale, renderPayerMail, type MailContext, type PayerMail, type PayerPayment } from "./templates";

const HOSTILE = `<img src="https://tracker.example/p.gif" onerror="x()">&"'`;
const business = { name: "Acme & Sons", supportContact: "help@acme.example, +7 900 000-00-00", timeZone: "Europe/Moscow", defaultLocale: "en" as Locale };
const ctx = (locale: Locale, over: Partial<MailContext> = {}): MailContext => ({ business, appUrl: "https://pay.acme.example/", locale, ...over });

const payment: PayerPayment = {
  reference: "7K3M9QPA",
  token: "tok_SECRET_abc123",
  amount: 123456,
  currency: "EUR",
  description: "Order 42: two chairs",
  customerName: "Anna",
  expiresAt: Date.UTC(2026, 11, 6, 12, 0),
};

const all = (p: PayerPayment = payment): PayerMail[] => [
  { kind: "payment_link", payment: p },
  { kind: "confirmation_received", payment: p, submission: { method: "SEPA transfer", transactionId: "TX-991", receiptFileName: "receipt.pdf", submittedAt: Date.UTC(2026, 11, 5, 9, 30) } },
  { kind: "approved", payment: p, approvedAt: Date.UTC(2026, 11, 5, 10, 0) },
  { kind: "cancelled", payment: p, reason: "The money never arrived." },
  { kind: "expiry_reminder", payment: p },
  { kind: "underpaid", payment: p, receivedAmount: 100000 },
  { kind: "refunded", payment: p, refundedAmount: 4000 },
];

describe("payer mail", () => {
  it.each(all().map((m) => [m.kind, m] as const))("%s names the reference in its subject, in both languages", (_kind, mail) => {
    for (const locale of ["en", "ru"] as const) expect(renderPayerMail(mail, ctx(locale)).subject).toContain("7K3M-9QPA");
  });

  it("every mail carries the business's name and support contact, in text and HTML", () => {
    for (const mail of all()) {
      for (const locale of ["en", "ru"] as const) {
        const m = renderPayerMail(mail, ctx(locale));
        expect(m.text).toContain("Acme & Sons");
        expect(m.text).toContain("help@acme.example, +7 900 000-00-00");
        expect(m.html).toContain("Acme &amp; Sons");
        expect(m.html).toContain("help@acme.example, +7 900 000-00-00");
      }
    }
  });

  it("the payment link: the amount, the reference, the expiry in the business's zone and the secret link", () => {
    const m = renderPayerMail(all()[0], ctx("en"));
    expect(m.subject).toBe("Payment request 7K3M-9QPA from Acme & Sons: €1,234.56");
    expect(m.text).toContain("Hello Anna,");
    expect(m.text).toContain("https://pay.acme.example/pay/tok_SECRET_abc123");
    expect(m.html).toContain('href="https://pay.acme.example/pay/tok_SECRET_abc123"');
    // 12:00 UTC is 15:00 in Moscow; the zone is named.
    expect(m.text).toMatch(/Pay before: Dec 6, 2026, 03:00 PM GMT\+3 \(Europe\/Moscow\)/);
    expect(m.text).toContain("do not forward it");
  });

  it("the same mail in Russian", () => {
    const m = renderPayerMail(all()[0], ctx("ru"));
    expect(m.subject).toBe("Запрос на оплату 7K3M-9QPA от «Acme & Sons»: 1 234,56 €");
    expect(m.text).toContain("Здравствуйте, Anna!");
    expect(m.text).toContain("Оплатить до: 6 дек. 2026 г., 15:00 GMT+3 (Europe/Moscow)");
    expect(m.html).toContain('<html lang="ru">');
    expect(m.text).not.toMatch(/Pay before|Hello/);
  });

  it("the confirmation echoes the method, the transaction id and the receipt's file name", () => {
    const m = renderPayerMail(all()[1], ctx("en"));
    expect(m.subject).toBe("We have your confirmation for payment 7K3M-9QPA");
    expect(m.text).toContain("Method: SEPA transfer");
    expect(m.text).toContain("Transaction ID: TX-991");
    expect(m.text).toContain("Receipt: receipt.pdf");
    const none = renderPayerMail({ ...all()[1], submission: { method: "Cash", transactionId: null, receiptFileName: null, submittedAt: 0 } } as PayerMail, ctx("ru"));
    expect(none.text).toContain("Номер транзакции: не указан");
    expect(none.text).toContain("Квитанция: без файла");
  });

  it("approved: the amount, the reference and the date", () => {
    const m = renderPayerMail(all()[2], ctx("en"));
    expect(m.subject).toBe("Payment 7K3M-9QPA approved: €1,234.56");
    expect(m.text).toContain("Approved on: Dec 5, 2026, 01:00 PM GMT+3 (Europe/Moscow)");
    const ru = renderPayerMail(all()[2], ctx("ru"));
    expect(ru.subject).toBe("Платёж 7K3M-9QPA подтверждён: 1 234,56 €");
  });

  it("cancelled: the agent's reason, and no link (there is nothing left to do on the page)", () => {
    const m = renderPayerMail(all()[3], ctx("en"));
    expect(m.subject).toBe("Payment 7K3M-9QPA cancelled");
    expect(m.text).toContain("Reason:\n> The money never arrived.");
    expect(m.text).not.toContain("/pay/");
    expect(m.text).not.toContain("do not forward");
    const noReason = renderPayerMail({ kind: "cancelled", payment, reason: "  " }, ctx("ru"));
    expect(noReason.text).toContain("Причина не указана.");
  });

  it("cancelled after money arrived: it goes back, instead of asking a payer who paid to get in touch", () => {
    expect(renderPayerMail(all()[3], ctx("en")).text).toContain("If you have already paid, contact Acme & Sons");
    const paid = renderPayerMail({ kind: "cancelled", payment: { ...payment, refundDue: 1499 }, reason: "Out of stock" }, ctx("en"));
    expect(paid.text).toMatch(/We received €14\.99 for this payment: Acme & Sons will send it back to the account it came from\./);
    expect(paid.text).not.toContain("If you have already paid");
    const ru = renderPayerMail({ kind: "cancelled", payment: { ...payment, refundDue: 1499 }, reason: null }, ctx("ru"));
    expect(ru.text).toContain("вернёт их на счёт, с которого они пришли");
  });

  it("the reminder: the link and the expiry time with the zone's name", () => {
    const m = renderPayerMail(all()[4], ctx("en"));
    expect(m.subject).toBe("Reminder: payment 7K3M-9QPA expires on Dec 6, 2026, 03:00 PM GMT+3 (Europe/Moscow)");
    expect(m.text).toContain("https://pay.acme.example/pay/tok_SECRET_abc123");
    const utc = renderPayerMail(all()[4], ctx("en", { business: { ...business, timeZone: null } }));
    expect(utc.text).toContain("Dec 6, 2026, 12:00 PM UTC");
    expect(utc.text).not.toContain("(UTC)");
  });

  it("the reminder of a payment that part of arrived asks for the rest", () => {
    const m = renderPayerMail({ kind: "expiry_reminder", payment: { ...payment, amountStillDue: 23456 } }, ctx("en"));
    expect(m.text).toContain("Acme & Sons received €1,000.00 of the €1,234.56 due for this payment. Please transfer the remaining €234.56 before Dec 6, 2026");
    expect(m.text).toContain("Still to pay: €234.56");
    expect(m.text).not.toContain("You have not confirmed");
    expect(renderPayerMail({ kind: "expiry_reminder", payment: { ...payment, amountStillDue: 23456 } }, ctx("ru")).text).toMatch(/переведите оставшиеся 234,56\s€ до/);
    expect(renderPayerMail({ kind: "expiry_reminder", payment: { ...payment, amountStillDue: null } }, ctx("en")).text).toContain("You have not confirmed the payment of €1,234.56");
  });

  it("underpaid: how much is missing and how to pay the rest with the same reference", () => {
    const m = renderPayerMail(all()[5], ctx("en"));
    expect(m.subject).toBe("Payment 7K3M-9QPA: €234.56 is missing");
    expect(m.text).toContain("received €1,000.00 of the €1,234.56");
    expect(m.text).toContain("Still to pay: €234.56");
    expect(m.text).toContain("same reference 7K3M-9QPA");
    expect(renderPayerMail(all()[5], ctx("ru")).subject).toBe("Платёж 7K3M-9QPA: не хватает 234,56 €");
    expect(() => renderPayerMail({ kind: "underpaid", payment, receivedAmount: payment.amount }, ctx("en"))).toThrow(RangeError);
  });

  it("a refund: what was sent back, where to, and whom to ask if it does not arrive; no link", () => {
    const m = renderPayerMail(all()[6], ctx("en"));
    expect(m.subject).toBe("Payment 7K3M-9QPA: €40.00 sent back to you");
    expect(m.text).toContain("Acme & Sons has sent €40.00 back to the account you paid from, for the payment 7K3M-9QPA.");
    expect(m.text).toContain("Sent back: €40.00");
    expect(m.text).toContain("If it has not arrived within a week, contact Acme & Sons");
    expect(m.text).not.toContain("/pay/");
    expect(renderPayerMail(all()[6], ctx("ru")).subject).toBe("Платёж 7K3M-9QPA: вам возвращено 40,00 €");
  });

  it("greets without a name when there is none", () => {
    expect(renderPayerMail({ kind: "approved", payment: { ...payment, customerName: null }, approvedAt: 0 }, ctx("en")).text).toContain("\nHello,\n");
  });

  it("escapes every user-supplied string in the HTML", () => {
    const hostileBusiness = { ...business, name: `Acme ${HOSTILE}`, supportContact: `call ${HOSTILE}` };
    const p = { ...payment, description: `desc ${HOSTILE}`, customerName: `name ${HOSTILE}` };
    const mails: PayerMail[] = [
      ...all(p),
      { kind: "cancelled", payment: p, reason: `reason ${HOSTILE}` },
      { kind: "confirmation_received", payment: p, submission: { method: `method ${HOSTILE}`, transactionId: `tx ${HOSTILE}`, receiptFileName: `file ${HOSTILE}.pdf`, submittedAt: 0 } },
    ];
    for (const mail of mails) {
      for (const locale of ["en", "ru"] as const) {
        const { html, text } = renderPayerMail(mail, ctx(locale, { business: hostileBusiness }));
        expect(html).not.toContain("<img");
        expect(html).not.toContain('"https://tracker');
        expect(html).not.toMatch(/onerror="/);
        expect(html).toContain("&lt;img src=&quot;https://tracker.example/p.gif&quot; onerror=&quot;x()&quot;&gt;&amp;&quot;&#39;");
        // The text part is plain text: the strings as they were written.
        expect(text).toContain(HOSTILE);
      }
    }
  });

  it("keeps the HTML free of remote resources, scripts and external CSS", () => {
    for (const mail of all()) {
      const { html } = renderPayerMail(mail, ctx("en"));
      expect(html).not.toMatch(/\ssrc=|<script|<link|<style|url\(|@import/i);
      // The only links are the app's own.
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href.startsWith("https://pay.acme.example/")).toBe(true);
    }
  });

  it("a subject stays one line even when a name carries line breaks", () => {
    const m = renderPayerMail({ kind: "payment_link", payment }, ctx("en", { business: { ...business, name: "Acme\r\nBcc: x@evil.example" } }));
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.subject).toContain("Acme Bcc: x@evil.example");
  });

  it("refuses to build links from an APP_URL that is not http(s)", () => {
    expect(() => renderPayerMail(all()[0], ctx("en", { appUrl: "javascript:alert(1)//" }))).toThrow(/http\(s\)/);
  });
});

describe("payerMailLocale", () => {
  it("is the page's language when the payer used one, else the business's default", () => {
    expect(payerMailLocale("ru", { defaultLocale: "en" })).toBe("ru");
    expect(payerMailLocale(null, { defaultLocale: "ru" })).toBe("ru");
    expect(payerMailLocale("de", { defaultLocale: "en" })).toBe("en");
  });
});
