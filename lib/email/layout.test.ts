import { describe, expect, it } from "vitest";
import { assertMailUrl, oneLine, renderMail, type MailContent } from "./layout";

const content = (over: Partial<MailContent> = {}): MailContent => ({
  locale: "en",
  subject: "Subject <1>",
  sender: "Acme",
  heading: "Heading & more",
  blocks: [
    { type: "p", text: "First line\nsecond <line>" },
    { type: "facts", rows: [["Amount", "€5.00"], ["Note", "a\nb"]] },
    { type: "quote", label: "Reason", text: "one\r\ntwo" },
    { type: "links", items: [{ text: "ABCD-EFGH · €5.00", url: "https://pay.example/dashboard/payments/1" }] },
    { type: "button", label: "Open", url: "https://pay.example/x?a=1&b=2" },
  ],
  footer: ["Sent by Acme.", "Questions? help@acme.example"],
  ...over,
});

describe("renderMail", () => {
  it("writes the text part with facts, quotes, links and the button's URL", () => {
    expect(renderMail(content()).text).toBe(
      [
        "Acme",
        "",
        "Heading & more",
        "",
        "First line\nsecond <line>",
        "",
        "Amount: €5.00\nNote: a\n  b",
        "",
        "Reason:\n> one\n> two",
        "",
        "- ABCD-EFGH · €5.00\n  https://pay.example/dashboard/payments/1",
        "",
        "Open:\nhttps://pay.example/x?a=1&b=2",
        "",
        "-- \nSent by Acme.\nQuestions? help@acme.example",
        "",
      ].join("\n"),
    );
  });

  it("writes HTML with line breaks kept, every string escaped, links as written", () => {
    const { html, subject } = renderMail(content());
    expect(subject).toBe("Subject <1>");
    expect(html).toContain("<title>Subject &lt;1&gt;</title>");
    expect(html).toContain("<h1 style=\"margin:0 0 20px;font-size:20px;line-height:1.3\">Heading &amp; more</h1>");
    expect(html).toContain("First line<br>second &lt;line&gt;");
    expect(html).toContain("one<br>two</blockquote>");
    expect(html).toContain('href="https://pay.example/x?a=1&amp;b=2"');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<style|<link|<script|\ssrc=/);
  });

  it("refuses a link that is not an absolute http(s) URL", () => {
    expect(() => renderMail(content({ blocks: [{ type: "button", label: "x", url: "javascript:alert(1)" }] }))).toThrow();
    expect(() => renderMail(content({ blocks: [{ type: "links", items: [{ text: "x", url: '/relative"' }] }] }))).toThrow();
    expect(assertMailUrl("http://127.0.0.1:3000/pay/abc")).toBe("http://127.0.0.1:3000/pay/abc");
    expect(() => assertMailUrl('https://a.example/" onclick="x')).toThrow();
  });
});

describe("oneLine", () => {
  it("flattens line breaks and control characters, and shortens long text", () => {
    expect(oneLine("a\r\n b\u2028c\td")).toBe("a b c d");
    expect(oneLine("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
