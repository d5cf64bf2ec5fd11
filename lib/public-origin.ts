// The public address of this installation, for the payment links shown to staff, returned by the API and sent in
// webhooks: APP_URL when it is set (it should be, in production), else the address the request came to.

/** APP_URL and TRUST_PROXY, from process.env. */
export type OriginEnv = Readonly<Record<string, string | undefined>>;
type HeaderSource = { get(name: string): string | null };

/** The local default, for links made outside any request (webhooks) when APP_URL is unset. */
const LOCAL = "http://localhost:3000";

// A host name, IPv4 or [IPv6] address, with an optional port: anything else is not a host a link may name.
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const first = (value: string | null) => value?.split(",")[0].trim() || null;

/**
 * The origin links point to, without a trailing slash. X-Forwarded-Host and X-Forwarded-Proto are any client's to
 * send, so they count only behind a reverse proxy we were told to trust (TRUST_PROXY=1), which sets them itself;
 * otherwise the request's own Host, over http (what `next start` serves).
 */
export function publicOrigin(env: OriginEnv, headers?: HeaderSource | null): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  if (!headers) return LOCAL;
  const trusted = env.TRUST_PROXY === "1";
  const host = (trusted && first(headers.get("x-forwarded-host"))) || headers.get("host");
  if (!host || !HOST_RE.test(host)) return LOCAL;
  const forwardedProto = trusted ? first(headers.get("x-forwarded-proto"))?.toLowerCase() : null;
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}
