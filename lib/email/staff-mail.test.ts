import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n";
import { renderStaffMail, STAFF_MAIL_KINDS, type MailContext, type StaffMail, type StaffPayment } from "./templates";

const HOSTILE = `<img src="https://tracker.example/p.gif" onerror="x()">&"'`;
const TOKEN = "tok_SECRET_abc123";
const business = { name: "Acme & Sons", supportContact: "help@acme.example", timeZone: "Europe/Moscow", defaultLocale: "ru" as Locale };
const ctx = (locale: Locale, over: Partial<MailContext> = {}): MailContext => ({ business, appUrl: "https://pay.acme.example", locale, ...over });

// What a caller might pass: a whole payments row, token and all. Staff mail must use none of the secret fields.
const row = {
  id: 17,
  token: TOKEN,
  reference: "7K3M9QPA",
  amount: 123456,
  currency: "EUR",
  description: "Order 42",
  customerName: "Anna",
  method: "SEPA transfer",
  transactionId: "TX-991",
  submittedAt: Date.UTC(2026, 11, 5, 9, 30),
};
const second: StaffPayment = { ...row, id: 18, reference: "8B2C4D6E", amount: 500, currency: "USD", customerName: null, transactionId: null };

function everyKind(p: StaffPayment = row, text = "text"): StaffMail[] {
  return [
    { kind: "pending_one", payment: p },
    { kind: "pending_digest", payments: [p, second], totalWaiting: 2 },
    { kind: "connection_request", request: { id: 5, paymentSystem: `Kaspi ${text}`, countries: `KZ ${text}` }, requesterName: `Boris ${text}` },
    { kind: "request_comment", request: { id: 5, paymentSystem: `Kaspi ${text}` }, authorName: `Boris ${text}`, comment: `Line one ${text}\nLine two` },
    { kind: "webhook_disabled", endpoint: { id: 3, url: "https://shop.example/hooks" }, failures: 12, lastError: `HTTP 500 ${text}` },
    { kind: "test" },
  ];
}

describe("staff mail", () => {
  it("covers every kind", () => {
    expect(everyKind().map((m) => m.kind)).toEqual([...STAFF_MAIL_KINDS]);
  });

  it("never carries the payer's secret link or token, in any kind or language", () => {
    for (const mail of everyKind()) {
      for (const locale of ["en", "ru"] as const) {
        const { subject, text, html } = renderStaffMail(mail, ctx(locale));
        for (const part of [subject, text, html]) {
          expect(part).not.toContain(TOKEN);
          expect(part).not.toContain("/pay/");
        }
      }
    }
  });

  it("links a payment to its dashboard page", () => {
    const one = renderStaffMail(everyKind()[0], ctx("en"));
    expect(one.html).toContain('href="https://pay.acme.example/dashboard/payments/17"');
    expect(one.text).toContain("https://pay.acme.example/dashboard/payments/17");
    const digest = renderStaffMail(everyKind()[1], ctx("en"));
    expect(digest.text).toContain("https://pay.acme.example/dashboard/payments/17");
    expect(digest.text).toContain("https://pay.acme.example/dashboard/payments/18");
  });

  it("one waiting payment: the amount and reference in the subject, the facts to compare with a statement", () => {
    const m = renderStaffMail(everyKind()[0], ctx("en"));
    expect(m.subject).toBe("Payment 7K3M-9QPA is waiting for approval: €1,234.56");
    expect(m.text).toContain("Anna says they have paid.");
    expect(m.text).toContain("Transaction ID: TX-991");
    expect(m.text).toContain("Method: SEPA transfer");
    expect(m.text).toContain("Confirmed at: Dec 5, 2026, 12:30 PM GMT+3 (Europe/Moscow)");
    const ru = renderStaffMail(everyKind()[0], ctx("ru"));
    expect(ru.subject).toBe("Платёж 7K3M-9QPA ждёт подтверждения: 1 234,56 €");
  });

  it("a digest counts the payments in the language's plural forms and names their references", () => {
    const two = renderStaffMail(everyKind()[1], ctx("en"));
    expect(two.subject).toBe("2 payments waiting for approval: 7K3M-9QPA, 8B2C-4D6E");
    expect(two.text).toContain("7K3M-9QPA · €1,234.56 · Anna · TX-991");
    expect(two.text).toContain("8B2C-4D6E · $5.00 · A customer");
    const five = renderStaffMail({ kind: "pending_digest", payments: [row, second], totalWaiting: 5 }, ctx("ru"));
    expect(five.subject).toBe("5 платежей ждут подтверждения: 7K3M-9QPA, 8B2C-4D6E, …");
    expect(five.text).toContain("и ещё 3");
    expect(five.text).toContain("https://pay.acme.example/dashboard\n");
    const one = renderStaffMail({ kind: "pending_digest", payments: [row], totalWaiting: 1 }, ctx("en"));
    expect(one.subject).toBe("1 payment waiting for approval: 7K3M-9QPA");
    expect(one.text).toContain("1 payment is waiting for approval");
    const twentyOne = renderStaffMail({ kind: "pending_digest", payments: [row], totalWaiting: 21 }, ctx("ru"));
    expect(twentyOne.subject).toMatch(/^21 платёж ждут/);
    const three = renderStaffMail({ kind: "pending_digest", payments: [row], totalWaiting: 3 }, ctx("ru"));
    expect(three.subject).toMatch(/^3 платежа ждут/);
    expect(() => renderStaffMail({ kind: "pending_digest", payments: [], totalWaiting: 0 }, ctx("en"))).toThrow(RangeError);
  });

  it("a payment's subject names its reference, a request's its number, an endpoint's its number", () => {
    const subjects = everyKind().map((m) => renderStaffMail(m, ctx("en")).subject);
    expect(subjects[0]).toContain("7K3M-9QPA");
    expect(subjects[1]).toContain("7K3M-9QPA");
    expect(subjects[2]).toBe("New connection request #5: Kaspi text");
    expect(subjects[3]).toBe("New comment on request #5: Kaspi text");
    expect(subjects[4]).toBe("Webhook endpoint #3 disabled after 12 failed deliveries");
    expect(subjects[5]).toBe("Test e-mail from Acme & Sons");
  });

  it("links requests, endpoints and settings to their dashboard pages", () => {
    const [, , request, comment, webhook, test] = everyKind().map((m) => renderStaffMail(m, ctx("en")).text);
    expect(request).toContain("https://pay.acme.example/dashboard/requests/5");
    expect(comment).toContain("https://pay.acme.example/dashboard/requests/5");
    expect(comment).toContain("> Line one text\n> Line two");
    expect(webhook).toContain("https://pay.acme.example/dashboard/settings/webhooks/3");
    expect(webhook).toContain("Last error: HTTP 500 text");
    expect(test).toContain("https://pay.acme.example/dashboard/settings/email");
    expect(test).toContain("https://pay.acme.example/dashboard/account");
  });

  it("renders every kind in Russian without English words left over", () => {
    for (const mail of everyKind()) {
      const { text } = renderStaffMail(mail, ctx("ru"));
      expect(text).toMatch(/[а-яё]/i);
      expect(text).not.toMatch(/\b(payment|waiting|request|comment|endpoint|You receive)\b/i);
    }
  });

  it("escapes every user-supplied string in the HTML", () => {
    const p = { ...row, description: `d ${HOSTILE}`, customerName: `n ${HOSTILE}`, method: `m ${HOSTILE}`, transactionId: `t ${HOSTILE}` };
    const hostileBusiness = { ...business, name: `Acme ${HOSTILE}` };
    const mails = [...everyKind(p, HOSTILE), { kind: "webhook_disabled", endpoint: { id: 3, url: `https://shop.example/${HOSTILE}` }, failures: 3, lastError: null } as StaffMail];
    for (const mail of mails) {
      for (const locale of ["en", "ru"] as const) {
        const { html } = renderStaffMail(mail, ctx(locale, { business: hostileBusiness }));
        expect(html).not.toContain("<img");
        expect(html).not.toMatch(/onerror="/);
        expect(html).not.toMatch(/\ssrc="/);
        expect(html).toContain("&lt;img src=&quot;https://tracker.example/p.gif&quot;");
      }
    }
  });
});
