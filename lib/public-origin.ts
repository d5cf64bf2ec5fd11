// The public address of this installation: the one rule for every link we make to ourselves (payment links shown to
// staff, the API's `url` fields and OpenAPI server, webhook payloads, the links scripts print).
//
// 1. APP_URL, whenever it is set (it should be, in production).
// 2. Else, while answering a request, the address that request came to: its Host, or X-Forwarded-Host/-Proto behind a
//    reverse proxy we were told to trust (TRUST_PROXY=1).
// 3. Else (no request: webhook payloads, background jobs, scripts) the local address `next start` serves,
//    http://localhost:<PORT or 3000>. Webhook payloads are built here even when a request caused them: a payer's Host
//    header is theirs to write, and must not choose the links a shop receives.

/** APP_URL, TRUST_PROXY and PORT, from process.env. */
export type OriginEnv = Readonly<Record<string, string | undefined>>;
type HeaderSource = { get(name: string): string | null };

// A host name, IPv4 or [IPv6] address, with an optional port: anything else is not a host a link may name.
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const first = (value: string | null) => value?.split(",")[0].trim() || null;

function localOrigin(env: OriginEnv): string {
  const port = env.PORT && /^\d{1,5}$/.test(env.PORT) ? env.PORT : "3000";
  return `http://localhost:${port}`;
}

/**
 * The origin links point to, without a trailing slash; `headers` are the request's, when there is one. X-Forwarded-Host
 * and X-Forwarded-Proto are any client's to send, so they count only behind a trusted proxy, which sets them itself;
 * otherwise the request's own Host, over http (what `next start` serves).
 */
export function publicOrigin(headers?: HeaderSource | null, env: OriginEnv = process.env): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  if (!headers) return localOrigin(env);
  const trusted = env.TRUST_PROXY === "1";
  const host = (trusted && first(headers.get("x-forwarded-host"))) || headers.get("host");
  if (!host || !HOST_RE.test(host)) return localOrigin(env);
  const forwardedProto = trusted ? first(headers.get("x-forwarded-proto"))?.toLowerCase() : null;
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  return `${proto}://${host}`;
}
