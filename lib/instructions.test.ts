// Tests for instruction rendering: placeholders, literal values, HTML escaping and link safety.
import { describe, expect, it } from "vitest";
import { renderInstructionParts, renderInstructions, type InstructionVars } from "./instructions";

const vars: InstructionVars = {
  amount: "19.99 EUR",
  reference: "ABCD-1234",
  order: "#1001",
  expires: "1 March 2026, 12:00 UTC",
};

const render = (markdown: string, v: Partial<InstructionVars> = {}) => renderInstructions(markdown, { ...vars, ...v });

/** All href values in the output, entity-decoded enough to inspect the scheme. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

/** The scheme a browser would actually use for an href on the payment page (WHATWG URL parsing). */
function browserProtocol(href: string): string {
  return new URL(href, "https://pay.example/p/token").protocol;
}
const SAFE_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"];

describe("placeholders", () => {
  it("fills all four, with or without inner spaces", () => {
    const html = render("Pay {{amount}} with reference {{ reference }} for order {{order}} before {{  expires\t}}.");
    expect(html).toBe(
      "<p>Pay 19.99 EUR with reference ABCD-1234 for order #1001 before 1 March 2026, 12:00 UTC.</p>\n",
    );
  });

  it("fills repeated placeholders and leaves unknown ones as typed", () => {
    expect(render("{{reference}} / {{reference}}")).toBe("<p>ABCD-1234 / ABCD-1234</p>\n");
    expect(render("{{foo}} {{ Amount }} {amount} {{amount}")).toBe("<p>{{foo}} {{ Amount }} {amount} {{amount}</p>\n");
  });

  it("fills placeholders inside code spans and code blocks without adding escapes", () => {
    expect(render("Memo: `{{reference}}`, amount `{{amount}}`")).toBe(
      "<p>Memo: <code>ABCD-1234</code>, amount <code>19.99 EUR</code></p>\n",
    );
    expect(render("```\nIBAN DE00 0000\nRef {{reference}} {{order}}\n```")).toBe(
      "<pre><code>IBAN DE00 0000\nRef ABCD-1234 #1001\n</code></pre>\n",
    );
  });

  it("fills placeholders inside formatting and link URLs", () => {
    expect(render("**{{amount}}**")).toBe("<p><strong>19.99 EUR</strong></p>\n");
    const html = render("[Pay now](https://bank.example/pay?ref={{reference}}&amount={{amount}}&o={{order}})");
    expect(hrefs(html)).toEqual(["https://bank.example/pay?ref=ABCD-1234&amount=19.99%20EUR&o=%231001"]);
    expect(html).toContain(">Pay now</a>");
  });

  it("does not treat a value as another placeholder", () => {
    expect(render("{{order}} {{amount}}", { order: "{{amount}}" })).toBe("<p>{{amount}} 19.99 EUR</p>\n");
  });
});

describe("substituted values are literal text", () => {
  it("renders Markdown in a value literally", () => {
    expect(render("Order {{order}}", { order: "**bold**" })).toBe("<p>Order **bold**</p>\n");
    expect(render("Order {{order}}", { order: "_x_ `y` ~~z~~" })).toBe("<p>Order _x_ `y` ~~z~~</p>\n");
    const link = render("Order {{order}}", { order: "[a](http://x)" });
    expect(link).toBe("<p>Order [a](http://x)</p>\n");
    expect(link).not.toContain("<a");
  });

  it("does not autolink URLs inside a value", () => {
    const html = render("Order {{order}}", { order: "see https://evil.example/login" });
    expect(html).toBe("<p>Order see https://evil.example/login</p>\n");
  });

  it("does not let a value start a block element", () => {
    expect(render("{{order}}", { order: "# Heading" })).toBe("<p># Heading</p>\n");
    expect(render("{{order}}", { order: "- item" })).toBe("<p>- item</p>\n");
    expect(render("{{order}}", { order: "1. item" })).toBe("<p>1. item</p>\n");
    expect(render("{{order}}", { order: "> quote" })).toBe("<p>&gt; quote</p>\n");
  });

  it("escapes HTML in a value", () => {
    const html = render("Order {{order}}", { order: '<script>alert(1)</script><img src=x onerror="alert(1)">' });
    expect(html).toBe(
      "<p>Order &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n",
    );
  });

  it("cannot turn a link placeholder into a javascript: URL", () => {
    const html = render("[Open]({{order}})", { order: "javascript:alert(1)" });
    for (const h of hrefs(html)) expect(h).not.toMatch(/^javascript:/i);
    expect(hrefs(html)).toEqual(["javascript%3Aalert(1)"]);
  });

  it("cannot break out of an attribute", () => {
    const html = render('[t](https://x.example "Order {{order}}")', { order: '" onmouseover="alert(1)' });
    expect(html).toContain('title="Order &quot; onmouseover=&quot;alert(1)"');
    expect(html).not.toMatch(/ onmouseover="/);
  });

  it("survives values with unpaired surrogates", () => {
    expect(() => render("[x](https://x.example/{{order}}) {{order}}", { order: "a\uD800b" })).not.toThrow();
  });
});

describe("raw HTML in the template", () => {
  it("is escaped, never emitted as tags", () => {
    const html = render('<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\nText <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<script|<img|<b[ >]/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;");
  });
});

describe("links", () => {
  const dangerous = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](java\\script:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/png;base64,iVBORw0KGgo=)",
    "[x](file:///etc/passwd)",
    "[x](FILE:///C:/Windows)",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<data:text/html,hi>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]: &#106;avascript:alert(1)",
    "javascript:alert(1)",
  ];

  for (const src of dangerous) {
    it(`blocks ${JSON.stringify(src)}`, () => {
      const html = render(src);
      for (const h of hrefs(html)) {
        expect(h).not.toMatch(/^\s*(javascript|vbscript|data|file):/i);
        expect(SAFE_PROTOCOLS).toContain(browserProtocol(h));
      }
      expect(html).not.toMatch(/href="\s*(javascript|vbscript|data|file):/i);
    });
  }

  it("keeps a blocked link as visible text instead of an anchor", () => {
    expect(render("[x](javascript:alert(1))")).toBe("<p>[x](javascript:alert(1))</p>\n");
  });

  it("allows http, https, mailto, tel and relative links, opening in a new tab without referrer", () => {
    const html = render(
      "[a](https://bank.example/pay) [b](http://bank.example) [c](mailto:pay@shop.example) [d](tel:+491234) [e](/help) [f](#faq)",
    );
    expect(hrefs(html)).toEqual([
      "https://bank.example/pay",
      "http://bank.example",
      "mailto:pay@shop.example",
      "tel:+491234",
      "/help",
      "#faq",
    ]);
    const anchors = html.match(/<a [^>]*>/g) ?? [];
    expect(anchors).toHaveLength(6);
    for (const a of anchors) {
      expect(a).toContain('target="_blank"');
      expect(a).toContain('rel="noopener noreferrer nofollow"');
    }
  });

  it("rejects other schemes", () => {
    for (const src of ["[x](ftp://x.example/a)", "[x](intent://x)", "[x](ms-settings:)", "[x](blob:https://x.example/1)"]) {
      for (const h of hrefs(render(src))) expect(SAFE_PROTOCOLS, `${src} → ${h}`).toContain(browserProtocol(h));
      expect(render(src), src).toMatch(/^<p>\[x\]\(/);
    }
  });

  it("linkifies bare URLs in the template", () => {
    const html = render("Pay at https://bank.example/pay or www.bank.com");
    expect(hrefs(html)).toEqual(["https://bank.example/pay", "http://www.bank.com"]);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe("images", () => {
  it("shows alt text instead of loading the image", () => {
    const html = render("Scan: ![QR *code* for {{reference}}](https://tracker.example/qr.png)");
    expect(html).toBe("<p>Scan: QR code for ABCD-1234</p>\n");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("tracker.example");
  });

  it("escapes HTML in alt text", () => {
    expect(render("![<b>x</b>](x.png)")).toBe("<p>&lt;b&gt;x&lt;/b&gt;</p>\n");
  });
});

describe("Markdown formatting", () => {
  it("renders headings, lists, emphasis and paragraphs", () => {
    const html = render(
      "## Bank transfer\n\nSend **{{amount}}** to:\n\n- IBAN: DE89 3704 0044 0532 0130 00\n- Reference: *{{reference}}*\n\n1. Open your bank app\n2. Pay",
    );
    expect(html).toBe(
      "<h2>Bank transfer</h2>\n" +
        "<p>Send <strong>19.99 EUR</strong> to:</p>\n" +
        "<ul>\n<li>IBAN: DE89 3704 0044 0532 0130 00</li>\n<li>Reference: <em>ABCD-1234</em></li>\n</ul>\n" +
        "<ol>\n<li>Open your bank app</li>\n<li>Pay</li>\n</ol>\n",
    );
  });

  it("keeps quotes straight (typographer off)", () => {
    expect(render('"quoted" -- (c)')).toBe("<p>&quot;quoted&quot; -- (c)</p>\n");
  });
});

describe("the expiry cut out for the viewer's zone", () => {
  const parts = (markdown: string) => renderInstructionParts(markdown, vars);

  it("cuts the HTML at each {{expires}} in text, the rest filled in", () => {
    expect(parts("Pay {{amount}} before **{{expires}}**; at the latest `{{ expires }}`.")).toEqual([
      "<p>Pay 19.99 EUR before <strong>",
      "</strong>; at the latest <code>",
      "</code>.</p>\n",
    ]);
    expect(parts("No deadline here: {{reference}}")).toEqual(["<p>No deadline here: ABCD-1234</p>\n"]);
  });

  it("fills {{expires}} in a link's address and title as before, and cuts only the link's text", () => {
    const out = parts('[until {{expires}}](https://pay.example/?by={{expires}} "Due {{expires}}")');
    expect(out).toHaveLength(2);
    expect(out[0]).toBe('<p><a href="https://pay.example/?by=1%20March%202026%2C%2012%3A00%20UTC" title="Due 1 March 2026, 12:00 UTC" target="_blank" rel="noopener noreferrer nofollow">until ');
    expect(out[1]).toBe("</a></p>\n");
  });

  it("joined with the expiry as text, is what renderInstructions gives", () => {
    const markdown = "1. Pay before {{expires}}\n2. [{{expires}}](https://x.example/{{expires}})\n\n```{{expires}}\n{{expires}}\n```";
    expect(parts(markdown).join("1 March 2026, 12:00 UTC")).toBe(render(markdown));
  });
});
