// Renders a payment method's Markdown instructions, with payment placeholders filled in, to safe HTML: on the server
// for payers, and in the browser for the method form's live preview.
import MarkdownIt, { type Token } from "markdown-it";

export type InstructionVars = { amount: string; reference: string; order: string; expires: string };

const VAR_NAMES = ["amount", "reference", "order", "expires"] as const;
type VarName = (typeof VAR_NAMES)[number];

const PLACEHOLDER_RE = /\{\{[ \t]*(amount|reference|order|expires)[ \t]*\}\}/g;

// Allowlist rather than markdown-it's blocklist: a payer's page has no business linking to
// anything but web pages, e-mail and phone numbers.
const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;

/**
 * markdown-it hands us the URL after decoding entities and backslash escapes and after
 * percent-encoding, so "&#106;avascript:" already reads "javascript:" here. Control characters
 * and spaces are stripped first because browsers ignore them inside a scheme ("java\tscript:").
 */
function isSafeLink(url: string): boolean {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, "");
  const m = SCHEME_RE.exec(compact);
  if (!m) return true; // relative link: stays on our own origin
  return SAFE_SCHEMES.has(m[1].toLowerCase());
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.validateLink = isSafeLink;

// Images would make every payer's browser fetch a URL the merchant chose (tracking, mixed
// content, misleading QR codes), so only their alt text is shown.
md.renderer.rules.image = (tokens, idx, options, env, self) =>
  md.utils.escapeHtml(self.renderInlineAsText(tokens[idx].children ?? [], options, env));

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeUrlComponent(value: string): string {
  // encodeURIComponent throws on unpaired surrogates, which can arrive in JSON input.
  return encodeURIComponent(value.replace(LONE_SURROGATE_RE, "\uFFFD"));
}

/**
 * Values are spliced into the parsed token tree, not into the Markdown source: whatever a shop
 * or payer put in `order` can then never become markup, a link, an autolinked URL, or a broken
 * code span, which backslash-escaping the source cannot all guarantee. Placeholders are first
 * swapped for per-call random alphanumeric markers that Markdown and linkify leave untouched.
 */
export function renderInstructions(markdown: string, vars: InstructionVars): string {
  return renderInstructionParts(markdown, vars).join(md.utils.escapeHtml(vars.expires));
}

/**
 * The rendered HTML cut at each {{expires}} that stands in text, for the payer's page to put a <time> there that the
 * browser can show in the viewer's own zone (components/payments/instructions-html.tsx). In a link or an attribute the
 * placeholder is filled with `vars.expires` as usual. One part when the instructions have no such placeholder.
 */
export function renderInstructionParts(markdown: string, vars: InstructionVars): string[] {
  // Web Crypto, so the method form's live preview can run this in the browser (no node:crypto polyfill there).
  const nonce = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, "0")).join("");
  const marker = (name: VarName) => `q${nonce}${name}q`;
  const markerRe = new RegExp(`q${nonce}(${VAR_NAMES.join("|")})q`, "g");

  const source = markdown.replace(PLACEHOLDER_RE, (_, name: VarName) => marker(name));
  const asText = (s: string) => s.replace(markerRe, (_, name: VarName) => String(vars[name]));
  // Text keeps the expires marker, which stays as it is through rendering (alphanumeric) and is cut at below.
  const asContent = (s: string) => s.replace(markerRe, (m, name: VarName) => (name === "expires" ? m : String(vars[name])));
  const asUrl = (s: string) => s.replace(markerRe, (_, name: VarName) => encodeUrlComponent(String(vars[name])));

  const env = {};
  const tokens = md.parse(source, env);
  fillTokens(tokens, { asContent, asText, asUrl });
  return md.renderer.render(tokens, md.options, env).split(marker("expires"));
}

type Fillers = { asContent: (s: string) => string; asText: (s: string) => string; asUrl: (s: string) => string };

function fillTokens(tokens: Token[], fill: Fillers): void {
  const { asContent, asText, asUrl } = fill;
  for (const token of tokens) {
    if (token.content) token.content = asContent(token.content);
    if (token.info) token.info = asText(token.info);
    if (token.attrs) {
      for (const attr of token.attrs) {
        attr[1] = attr[0] === "href" || attr[0] === "src" ? asUrl(attr[1]) : asText(attr[1]);
      }
    }
    if (token.type === "link_open") {
      const href = token.attrGet("href");
      // Encoding keeps substituted values from forming a scheme; checked again regardless.
      if (href !== null && !md.validateLink(href)) {
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== "href");
      }
      token.attrSet("target", "_blank");
      // The payer's page URL contains their access token; never leak it via Referer or opener.
      token.attrSet("rel", "noopener noreferrer nofollow");
    }
    if (token.children) fillTokens(token.children, fill);
  }
}
