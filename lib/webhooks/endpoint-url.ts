// Which URLs a webhook may be sent to: https anywhere, plain http only to this machine (for development).
export function webhookUrlProblem(input: string): string | null {
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
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) return null;
  if (url.protocol === "http:") return "Use https:// (plain http is allowed only for localhost, for development).";
  return "Use an https:// URL.";
}
