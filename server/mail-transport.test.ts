// The transport against a real SMTP server on loopback (smtp-server, through e2e/smtp-sink.ts), read back with mailparser.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "@/e2e/smtp-sink";
import { readMailSetup, type MailConfig } from "@/lib/email/config";
import { classifySendResult } from "@/lib/email/retry";
import { renderPayerMail, renderStaffMail, type MailContext } from "@/lib/email/templates";
import { createMailTransport, sendTestMail } from "./mail-transport";

const FROM = "Acme Payments <billing@acme.example>";
const business = { name: "Acme & Sons", supportContact: "help@acme.example", timeZone: "Europe/Berlin", defaultLocale: "en" as const };
const ctx: MailContext = { business, appUrl: "http://127.0.0.1:3000", locale: "en" };
const payment = { reference: "7K3M9QPA", token: "tok_SECRET", amount: 4200, currency: "EUR", description: "Order <42>", customerName: "Anna", expiresAt: Date.UTC(2026, 11, 6) };
const FAST = { connection: 2_000, greeting: 2_000, socket: 5_000 };

function configFor(url: string): MailConfig {
  const setup = readMailSetup({ SMTP_URL: url, MAIL_FROM: FROM });
  if (setup.state !== "on") throw new Error(JSON.stringify(setup));
  return setup.config;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

describe("createMailTransport", () => {
  it("delivers a rendered mail: subject, text, HTML, sender and recipient arrive as sent", async () => {
    const rendered = renderPayerMail({ kind: "payment_link", payment }, ctx);
    const transport = createMailTransport(configFor(sink.url), FAST);
    const result = await transport.send({ ...rendered, to: { name: "Anna K.", address: "anna@example.test" }, messageId: "<outbox-1@acme.example>" });
    transport.close();

    expect(result).toMatchObject({ ok: true, code: 250 });
    expect(classifySendResult(result)).toBe("sent");
    const got = await sink.waitFor((m) => m.envelopeTo.includes("anna@example.test"));
    expect(got.subject).toBe("Payment request 7K3M-9QPA from Acme & Sons: €42.00");
    expect(got.envelopeFrom).toBe("billing@acme.example");
    expect(got.from).toEqual(["billing@acme.example"]);
    expect(got.parsed.from?.value[0].name).toBe("Acme Payments");
    expect(got.to).toEqual(["anna@example.test"]);
    expect(got.text.trim()).toBe(rendered.text.trim());
    expect(got.html).toContain("Order &lt;42&gt;");
    expect(got.html).toContain('href="http://127.0.0.1:3000/pay/tok_SECRET"');
    expect(got.html).not.toMatch(/\ssrc\s*=/i);
    expect(got.messageId).toBe("<outbox-1@acme.example>");
    expect(got.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("keeps Russian text and names intact on the way", async () => {
    const rendered = renderStaffMail({ kind: "test" }, { ...ctx, locale: "ru", business: { ...business, name: "Магазин «Ромашка»" } });
    const transport = createMailTransport(configFor(sink.url), FAST);
    const result = await transport.send({ ...rendered, to: { name: "Борис", address: "boris@example.test" } });
    transport.close();
    expect(result.ok).toBe(true);
    const got = await sink.waitFor((m) => m.envelopeTo.includes("boris@example.test"));
    expect(got.subject).toBe("Тестовое письмо от «Магазин «Ромашка»»");
    expect(got.text).toContain("Почта работает");
    expect(got.parsed.to && !Array.isArray(got.parsed.to) ? got.parsed.to.value[0].name : "").toBe("Борис");
  });

  it("reports a 550 as the server's answer, failed for good", async () => {
    sink.answer("gone@example.test", { code: 550, message: "5.1.1 No such user here" });
    const transport = createMailTransport(configFor(sink.url), FAST);
    const result = await transport.send({ ...renderStaffMail({ kind: "test" }, ctx), to: { address: "gone@example.test" } });
    transport.close();
    expect(result).toMatchObject({ ok: false, code: 550, errorCode: "EENVELOPE" });
    expect(result.response).toContain("No such user here");
    expect(classifySendResult(result)).toBe("failed");
    expect(sink.messages.some((m) => m.envelopeTo.includes("gone@example.test"))).toBe(false);
  });

  it("reports a 451 as a retry, and delivers on the next attempt", async () => {
    sink.answer("later@example.test", { code: 451, message: "4.7.1 Greylisted, try again", times: 1 });
    const transport = createMailTransport(configFor(sink.url), FAST);
    const mail = { ...renderStaffMail({ kind: "test" }, ctx), to: { address: "later@example.test" } };
    const first = await transport.send(mail);
    expect(first).toMatchObject({ ok: false, code: 451 });
    expect(first.response).toContain("Greylisted");
    expect(classifySendResult(first)).toBe("retry");
    const second = await transport.send(mail);
    transport.close();
    expect(second.ok).toBe(true);
    expect(sink.attempts("later@example.test")).toBe(2);
    await sink.waitFor((m) => m.envelopeTo.includes("later@example.test"));
  });

  it("returns a refused connection as a retryable result instead of throwing", async () => {
    const port = await closedPort();
    const transport = createMailTransport(configFor(`smtp://127.0.0.1:${port}?starttls=off`), FAST);
    const result = await transport.send({ ...renderStaffMail({ kind: "test" }, ctx), to: { address: "x@example.test" } });
    transport.close();
    expect(result).toMatchObject({ ok: false, code: null });
    if (result.ok) throw new Error("sent to a closed port");
    expect(["ESOCKET", "ECONNECTION"]).toContain(result.errorCode);
    expect(result.response).toContain("ECONNREFUSED");
    expect(classifySendResult(result)).toBe("retry");
  });

  it("gives up on a server that never greets, within the greeting timeout", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket)); // accepts the connection, says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const transport = createMailTransport(configFor(`smtp://127.0.0.1:${port}?starttls=off`), { connection: 1_000, greeting: 300, socket: 1_000 });
      const started = Date.now();
      const result = await transport.send({ ...renderStaffMail({ kind: "test" }, ctx), to: { address: "x@example.test" } });
      transport.close();
      expect(result).toMatchObject({ ok: false, code: null, errorCode: "ETIMEDOUT" });
      expect(classifySendResult(result)).toBe("retry");
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  describe("with a login", () => {
    let authSink: SmtpSink;
    beforeAll(async () => {
      authSink = await startSmtpSink({ auth: { user: "mailer@acme.example", password: "p@ss:w/rd" } });
    });
    afterAll(async () => {
      await authSink.close();
    });

    it("signs in with the URL-decoded user and password", async () => {
      expect(authSink.url).toContain("mailer%40acme.example:p%40ss%3Aw%2Frd@");
      const transport = createMailTransport(configFor(authSink.url), FAST);
      const result = await transport.send({ ...renderStaffMail({ kind: "test" }, ctx), to: { address: "ops@example.test" } });
      transport.close();
      expect(result.ok).toBe(true);
      await authSink.waitFor((m) => m.envelopeTo.includes("ops@example.test"));
    });

    it("reports a wrong password as a retry (the settings are wrong, not the message) without echoing it", async () => {
      const url = authSink.url.replace("p%40ss%3Aw%2Frd", "WrongPassword123");
      const transport = createMailTransport(configFor(url), FAST);
      const result = await transport.send({ ...renderStaffMail({ kind: "test" }, ctx), to: { address: "ops@example.test" } });
      transport.close();
      expect(result).toMatchObject({ ok: false, code: 535, errorCode: "EAUTH" });
      expect(result.response).not.toContain("WrongPassword123");
      expect(classifySendResult(result)).toBe("retry");
    });
  });
});

describe("sendTestMail", () => {
  it("sends the test mail to the given address and reports the server's answer", async () => {
    const result = await sendTestMail(configFor(sink.url), { to: { address: "admin@example.test" }, business, appUrl: "http://127.0.0.1:3000", locale: "en" }, FAST);
    expect(result.ok).toBe(true);
    expect(result.response).toMatch(/^250/);
    const got = await sink.waitFor((m) => m.envelopeTo.includes("admin@example.test"));
    expect(got.subject).toBe("Test e-mail from Acme & Sons");
    expect(got.text).toContain("E-mail works");
  });

  it("reports a refused recipient", async () => {
    sink.answer("nobody@example.test", { code: 550 });
    const result = await sendTestMail(configFor(sink.url), { to: { address: "nobody@example.test" }, business, appUrl: "http://127.0.0.1:3000", locale: "en" }, FAST);
    expect(result).toMatchObject({ ok: false, code: 550 });
  });
});
