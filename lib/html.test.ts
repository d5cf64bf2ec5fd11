import { describe, expect, it } from "vitest";
import { escapeHtml, html, SafeHtml } from "./html";

describe("html", () => {
  it("escapes every interpolated string, in text and in attributes", () => {
    const evil = `"><script>alert('x')</script>&`;
    expect(html`<div title="${evil}">${evil}</div>`.value).toBe(
      `<div title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</div>`,
    );
  });

  it("inserts nested templates as markup, lists joined, and nothing for null, undefined and false", () => {
    const items = ["a<b", "c"].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c</li>0</ul>");
  });

  it("does not trust a plain string that looks like markup, nor an object pretending to be SafeHtml", () => {
    expect(html`${"<b>"}`.value).toBe("&lt;b&gt;");
    expect(html`${{ value: "<b>" } as unknown as string}`.value).toBe("[object Object]");
    expect(html`${new SafeHtml("<b>")}`.value).toBe("<b>");
  });

  it("escapeHtml leaves ordinary text alone", () => {
    expect(escapeHtml("Gift card · €12.50")).toBe("Gift card · €12.50");
  });
});
