// The e2e SMTP sink itself: what it keeps, what it refuses, and waiting for a message.
import nodemailer from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "@/e2e/smtp-sink";

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

function client(s: SmtpSink) {
  return nodemailer.createTransport({ host: s.host, port: s.port, secure: false, ignoreTLS: true, logger: false });
}

const mail = (to: string, subject: string) => ({ from: "shop@acme.example", to, subject, text: `Text of ${subject}`, html: `<p>HTML of ${subject}</p>` });

describe("startSmtpSink", () => {
  it("keeps what arrives, parsed, and finds a message received before or after the wait began", async () => {
    sink = await startSmtpSink();
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}?starttls=off`);
    const c = client(sink);
    await c.sendMail(mail("One@Example.test", "first"));
    const early = await sink.waitFor((m) => m.subject === "first");
    expect(early).toMatchObject({ envelopeFrom: "shop@acme.example", envelopeTo: ["one@example.test"], to: ["one@example.test"], text: "Text of first" });
    expect(early.html).toContain("<p>HTML of first</p>");

    const later = sink.waitFor((m) => m.subject === "second");
    await c.sendMail(mail("two@example.test", "second"));
    expect((await later).envelopeTo).toEqual(["two@example.test"]);
    expect(sink.messages.map((m) => m.subject)).toEqual(["first", "second"]);
    c.close();
  });

  it("rejects a wait that nothing matches, naming what did arrive", async () => {
    sink = await startSmtpSink();
    const c = client(sink);
    await c.sendMail(mail("one@example.test", "only this"));
    c.close();
    await expect(sink.waitFor((m) => m.subject === "never", 200)).rejects.toThrow(/No matching e-mail within 200 ms.*only this/);
  });

  it("refuses a recipient always, or a given number of times, and counts the attempts", async () => {
    sink = await startSmtpSink();
    sink.answer("bounce@example.test", { code: 550 });
    sink.answer("grey@example.test", { code: 451, times: 2 });
    const c = client(sink);
    await expect(c.sendMail(mail("bounce@example.test", "b"))).rejects.toMatchObject({ responseCode: 550 });
    await expect(c.sendMail(mail("grey@example.test", "g1"))).rejects.toMatchObject({ responseCode: 451 });
    await expect(c.sendMail(mail("grey@example.test", "g2"))).rejects.toMatchObject({ responseCode: 451 });
    await c.sendMail(mail("grey@example.test", "g3"));
    await expect(c.sendMail(mail("bounce@example.test", "b2"))).rejects.toMatchObject({ responseCode: 550 });
    sink.answer("bounce@example.test", null);
    await c.sendMail(mail("bounce@example.test", "b3"));
    c.close();
    expect(sink.attempts("grey@example.test")).toBe(3);
    expect(sink.attempts("BOUNCE@example.test")).toBe(3);
    expect(sink.messages.map((m) => m.subject)).toEqual(["g3", "b3"]);
    sink.clear();
    expect(sink.messages).toHaveLength(0);
    expect(sink.attempts("grey@example.test")).toBe(0);
  });

  it("listens on the port it is given", async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    sink = await startSmtpSink({ port });
    expect(sink.port).toBe(port);
  });
});
