// Which URLs a webhook may be sent to: https:// on the public internet. With WEBHOOK_ALLOW_PRIVATE=1 (development, the
// test suite) also private and loopback hosts, and plain http:// to this machine. The dispatcher checks again at
// delivery, on the addresses the name resolves to (server/webhook-request.ts).
import { describeKind, hostKind } from "./address";

const PUBLIC_ONLY = "webhooks go only to addresses on the public internet.";

/** Why `hostname` (a URL's) may not receive webhooks, as a sentence; null when it may (for a name: so far). */
export function hostProblem(hostname: string, allowPrivate: boolean): string | null {
  const kind = hostKind(hostname);
  if (kind === "public" || allowPrivate) return null;
  const host = hostname.replace(/\.+$/, "");
  if (kind === "loopback" && !/^[\d[]/.test(host)) return `${host} is this server itself: ${PUBLIC_ONLY}`;
  return `${host} is ${describeKind(kind)}: ${PUBLIC_ONLY}`;
}

export function webhookUrlProblem(input: string, { allowPrivate = false }: { allowPrivate?: boolean } = {}): string | null {
  const s = input.trim();
  if (!s) return "Enter the URL that should receive the events.";
  if (s.length > 2000) return "Keep the URL under 2000 characters.";
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return "Enter a full URL, like https://shop.example/webhooks/payments.";
  }
  if (url.username || url.password) return "Put no user name or password in the URL; verify the signature instead.";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// URL.";
  // URL has already turned 2130706433, 0x7f000001 and 127.1 into 127.0.0.1, and [::ffff:169.254.169.254] into hex.
  const problem = hostProblem(url.hostname, allowPrivate);
  if (problem) return problem;
  if (url.protocol === "http:" && !(allowPrivate && hostKind(url.hostname) === "loopback")) {
    return allowPrivate ? "Use https:// (plain http is allowed only for localhost, for development)." : "Use https://.";
  }
  return null;
}
