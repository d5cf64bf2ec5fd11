// One e-mail, described as a few kinds of blocks of plain text, rendered twice: as the text part and as simple HTML.
// Templates never write markup: every string they give (a business's name, a payer's description, an agent's reason)
// is escaped here, in one place. The HTML uses inline styles only, with no images, no external CSS and no trackers.
import { html, SafeHtml } from "@/lib/html";
import type { Locale } from "@/lib/i18n";

export type MailBlock =
  /** A paragraph of our own words (user strings may be interpolated; they are escaped like the rest). */
  | { type: "p"; text: string }
  /** Label–value rows: the amount, the reference, the transaction id. */
  | { type: "facts"; rows: readonly (readonly [label: string, value: string])[] }
  /** The one call to action, as a button in HTML and "label: url" in text. */
  | { type: "button"; label: string; url: string }
  /** Text someone wrote (a reason, a comment), kept with its line breaks and set apart. */
  | { type: "quote"; label: string; text: string }
  /** Linked lines (a digest of payments). */
  | { type: "links"; items: readonly { text: string; url: string }[] };

export type MailContent = {
  locale: Locale;
  subject: string;
  /** The business's name, shown above the heading. */
  sender: string;
  heading: string;
  blocks: readonly MailBlock[];
  /** Lines under a rule at the end: who sent it, how to reach them, why you get it. */
  footer: readonly string[];
};

export type RenderedMail = { subject: string; text: string; html: string };

/** An absolute http(s) URL, or an error: every link in a mail is built from APP_URL, never from user input. */
export function assertMailUrl(url: string): string {
  if (!/^https?:\/\/[^\s"'<>]+$/i.test(url)) throw new Error(`Not an absolute http(s) URL for an e-mail link: ${url}`);
  return url;
}

/** One line of at most `max` characters, for subjects and headers: user strings may carry line breaks. */
export function oneLine(s: string, max = 200): string {
  const flat = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

const C = { text: "#1f2933", muted: "#616e7c", rule: "#e4e7eb", accent: "#1d4ed8", quote: "#f5f7fa" };
const FONT = "font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif";

function multiline(text: string): SafeHtml {
  return html`${text.split(/\r\n|\r|\n/).map((line, i) => (i ? html`<br>${line}` : html`${line}`))}`;
}

function blockHtml(b: MailBlock): SafeHtml {
  switch (b.type) {
    case "p":
      return html`<p style="margin:0 0 16px;line-height:1.5">${multiline(b.text)}</p>`;
    case "facts":
      return html`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px;width:100%">${b.rows.map(
        ([label, value]) =>
          html`<tr><td style="padding:4px 16px 4px 0;color:${C.muted};vertical-align:top;white-space:nowrap">${label}</td><td style="padding:4px 0;font-variant-numeric:tabular-nums;word-break:break-word">${multiline(value)}</td></tr>`,
      )}</table>`;
    case "button":
      return html`<p style="margin:8px 0 24px"><a href="${assertMailUrl(b.url)}" style="display:inline-block;background:${C.accent};color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${b.label}</a></p>`;
    case "quote":
      return html`<p style="margin:0 0 4px;color:${C.muted}">${b.label}</p><blockquote style="margin:0 0 16px;padding:8px 12px;background:${C.quote};border-left:3px solid ${C.rule};line-height:1.5">${multiline(b.text)}</blockquote>`;
    case "links":
      return html`<ul style="margin:0 0 16px;padding-left:20px;line-height:1.6">${b.items.map(
        (item) => html`<li><a href="${assertMailUrl(item.url)}" style="color:${C.accent}">${item.text}</a></li>`,
      )}</ul>`;
  }
}

function blockText(b: MailBlock): string {
  switch (b.type) {
    case "p":
      return b.text;
    case "facts":
      return b.rows.map(([label, value]) => `${label}: ${value.replace(/\r\n|\r|\n/g, "\n  ")}`).join("\n");
    case "button":
      return `${b.label}:\n${assertMailUrl(b.url)}`;
    case "quote":
      return `${b.label}:\n${b.text.split(/\r\n|\r|\n/).map((l) => `> ${l}`).join("\n")}`;
    case "links":
      return b.items.map((item) => `- ${item.text}\n  ${assertMailUrl(item.url)}`).join("\n");
  }
}

function renderHtml(m: MailContent): string {
  const body = html`<div style="max-width:560px;margin:0 auto;padding:24px 16px;${FONT};font-size:15px;color:${C.text}">
<p style="margin:0 0 8px;color:${C.muted};font-size:13px">${m.sender}</p>
<h1 style="margin:0 0 20px;font-size:20px;line-height:1.3">${m.heading}</h1>
${m.blocks.map((b) => html`${blockHtml(b)}\n`)}<hr style="border:0;border-top:1px solid ${C.rule};margin:24px 0 12px">
${m.footer.map((line) => html`<p style="margin:0 0 4px;color:${C.muted};font-size:12px;line-height:1.5">${line}</p>\n`)}</div>`;
  return `<!DOCTYPE html>
<html lang="${m.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${html`${oneLine(m.subject)}`}</title></head>
<body style="margin:0;padding:0;background:#ffffff">
${body}
</body>
</html>
`;
}

function renderText(m: MailContent): string {
  const parts = [m.sender, m.heading, ...m.blocks.map(blockText), `-- \n${m.footer.join("\n")}`];
  return `${parts.join("\n\n")}\n`;
}

/** The subject (one line), the text part and the HTML part of a mail. */
export function renderMail(m: MailContent): RenderedMail {
  return { subject: oneLine(m.subject, 250), text: renderText(m), html: renderHtml(m) };
}
