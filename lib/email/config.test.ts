import { describe, expect, it } from "vitest";
import { describeMailServer, firstMailAddress, formatMailAddress, isMailAddress, outboxMessageId, parseMailAddress, readMailSetup, type MailSetup } from "./config";

const on = (setup: MailSetup) => {
  if (setup.state !== "on") throw new Error(`expected on, got ${JSON.stringify(setup)}`);
  return setup.config;
};
const invalid = (setup: MailSetup) => {
  if (setup.state !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(setup)}`);
  return setup.error;
};
const FROM = "Shop <billing@shop.example>";

describe("readMailSetup", () => {
  it("is off without SMTP_URL, or with an empty one, whatever MAIL_FROM says", () => {
    expect(readMailSetup({})).toEqual({ state: "off" });
    expect(readMailSetup({ SMTP_URL: "  ", MAIL_FROM: "nonsense" })).toEqual({ state: "off" });
  });

  it("reads smtp:// with user, password and port", () => {
    expect(on(readMailSetup({ SMTP_URL: "smtp://mailer:s3cret@mail.example.com:2525", MAIL_FROM: FROM }))).toEqual({
      host: "mail.example.com",
      port: 2525,
      secure: false,
      startTls: "opportunistic",
      user: "mailer",
      password: "s3cret",
      from: { name: "Shop", address: "billing@shop.example" },
    });
  });

  it("defaults the port to 587 for smtp:// and 465 for smtps://", () => {
    expect(on(readMailSetup({ SMTP_URL: "smtp://mail.example.com", MAIL_FROM: FROM })).port).toBe(587);
    const tls = on(readMailSetup({ SMTP_URL: "smtps://u:p@mail.example.com", MAIL_FROM: FROM }));
    expect(tls).toMatchObject({ port: 465, secure: true });
  });

  it("URL-decodes the user and the password", () => {
    const c = on(readMailSetup({ SMTP_URL: "smtp://me%40shop.example:p%40ss%3Aw%2Frd%23%25@mail.example.com", MAIL_FROM: FROM }));
    expect(c.user).toBe("me@shop.example");
    expect(c.password).toBe("p@ss:w/rd#%");
  });

  it("takes no credentials when there are none, and an IPv6 literal host", () => {
    const c = on(readMailSetup({ SMTP_URL: "smtp://[::1]:25?starttls=off", MAIL_FROM: "ops@localhost" }));
    expect(c).toMatchObject({ host: "::1", port: 25, startTls: "off" });
    expect(c.user).toBeUndefined();
    expect(c.password).toBeUndefined();
  });

  it("reads ?starttls=required", () => {
    expect(on(readMailSetup({ SMTP_URL: "smtp://mail.example.com?starttls=required", MAIL_FROM: FROM })).startTls).toBe("required");
  });

  it.each([
    ["not a url", "not a URL"],
    ["http://mail.example.com", "smtp:// or smtps://"],
    ["smtp://user@mail.example.com", "both a user name and a password"],
    ["smtp://:pw@mail.example.com", "both a user name and a password"],
    ["smtp://mail.example.com:99999", "not a URL"],
    ["smtp://mail.example.com:0", "the port must be between 1 and 65535"],
    ["smtp://mail.example.com/inbox", "path"],
    ["smtp://mail.example.com?tls=yes", 'unknown option "tls"'],
    ["smtp://mail.example.com?starttls=maybe", "starttls must be one of opportunistic, required, off"],
    ["smtps://mail.example.com?starttls=required", "smtp:// only"],
    ["smtp://u:p%ZZ@mail.example.com", "password is not URL-encoded"],
  ])("refuses SMTP_URL=%s, saying what is wrong", (url, message) => {
    const error = invalid(readMailSetup({ SMTP_URL: url, MAIL_FROM: FROM }));
    expect(error).toMatch(/^SMTP_URL is invalid: /);
    expect(error).toContain(message);
  });

  it("never repeats the password in an error", () => {
    for (const url of ["smtp://u:Hunter2Secret@mail.example.com/x", "smtp://u:Hunter2Secret@mail.example.com?nope=1", "smtp://u:Hunter2Secret@@mail.example.com:70000"]) {
      expect(invalid(readMailSetup({ SMTP_URL: url, MAIL_FROM: FROM }))).not.toContain("Hunter2Secret");
    }
    const badFrom = invalid(readMailSetup({ SMTP_URL: "smtp://u:Hunter2Secret@mail.example.com", MAIL_FROM: "nobody" }));
    expect(badFrom).not.toContain("Hunter2Secret");
  });

  it("needs MAIL_FROM when SMTP_URL is set", () => {
    expect(invalid(readMailSetup({ SMTP_URL: "smtp://mail.example.com" }))).toMatch(/^MAIL_FROM is not set/);
  });

  it.each([["billing"], ["Shop <billing@>"], ["a b@shop.example"], ["Shop\r\nBcc: x@evil.example <billing@shop.example>"], ["billing@shop"]])(
    "refuses MAIL_FROM=%j",
    (from) => {
      expect(invalid(readMailSetup({ SMTP_URL: "smtp://mail.example.com", MAIL_FROM: from }))).toMatch(/^MAIL_FROM is invalid: /);
    },
  );
});

describe("parseMailAddress", () => {
  it("reads a bare address, an angled one and a quoted display name", () => {
    expect(parseMailAddress("billing@shop.example")).toEqual({ ok: true, value: { address: "billing@shop.example" } });
    expect(parseMailAddress("<billing@shop.example>")).toEqual({ ok: true, value: { address: "billing@shop.example" } });
    expect(parseMailAddress('"Shop, Inc. \\"Best\\"" <billing@shop.example>')).toEqual({
      ok: true,
      value: { name: 'Shop, Inc. "Best"', address: "billing@shop.example" },
    });
    expect(parseMailAddress("Магазин <billing@shop.example>")).toEqual({ ok: true, value: { name: "Магазин", address: "billing@shop.example" } });
  });

  it("writes an address back with the name quoted", () => {
    expect(formatMailAddress({ name: 'Shop, Inc. "Best"', address: "a@shop.example" })).toBe('"Shop, Inc. \\"Best\\"" <a@shop.example>');
    expect(formatMailAddress({ address: "a@shop.example" })).toBe("a@shop.example");
  });

  it("keeps a typed name on one line, so it cannot add a header", () => {
    expect(formatMailAddress({ name: "Anna\r\nBcc: x@evil.example", address: "a@shop.example" })).toBe('"Anna Bcc: x@evil.example" <a@shop.example>');
    expect(formatMailAddress({ name: " \n ", address: "a@shop.example" })).toBe("a@shop.example");
  });

  it("isMailAddress accepts what people write and refuses the rest", () => {
    expect(isMailAddress("first.last+tag@sub.shop.example")).toBe(true);
    expect(isMailAddress("x@localhost")).toBe(true);
    for (const bad of ["", "@shop.example", "a@", "a@@shop.example", "a@-shop.example", "a b@shop.example", "a@shop.example\n", `${"a".repeat(250)}@shop.example`]) {
      expect(isMailAddress(bad), bad).toBe(false);
    }
  });
});

describe("describeMailServer", () => {
  it("shows the server without the password", () => {
    const c = on(readMailSetup({ SMTP_URL: "smtp://mailer:Hunter2Secret@mail.example.com?starttls=required", MAIL_FROM: FROM }));
    expect(describeMailServer(c)).toBe("smtp://mailer@mail.example.com:587 (STARTTLS required)");
    const tls = on(readMailSetup({ SMTP_URL: "smtps://mail.example.com", MAIL_FROM: FROM }));
    expect(describeMailServer(tls)).toBe("smtps://mail.example.com:465 (TLS)");
  });
});

describe("firstMailAddress", () => {
  it("finds the support address in the business's free-text contact", () => {
    expect(firstMailAddress("help@acme.example, +7 900 000-00-00")).toBe("help@acme.example");
    expect(firstMailAddress("Call +7 900 or write to mailto:Help@Acme.example.")).toBe("Help@Acme.example");
    expect(firstMailAddress("Telegram @acme_support")).toBeNull();
    expect(firstMailAddress("")).toBeNull();
  });
});

describe("outboxMessageId", () => {
  it("is stable for a row and in the sender's domain", () => {
    expect(outboxMessageId(17, { address: "billing@shop.example" })).toBe("<dp-outbox-17@shop.example>");
    expect(outboxMessageId("a b<c>", { address: "x@y.example" })).toBe("<dp-outbox-abc@y.example>");
  });
});
