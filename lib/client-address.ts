// Who is asking: the address sign-in throttling counts failures against.

/**
 * The header our own server sets on every request to the socket's peer address (server/peer-address.ts), replacing
 * whatever a client sent under that name. Next.js's own X-Forwarded-For cannot serve: it keeps a value the client sent.
 */
export const PEER_ADDRESS_HEADER = "x-direct-payments-peer";

type HeaderSource = { get(name: string): string | null };

/**
 * The client's address. Behind a reverse proxy we were told to trust (TRUST_PROXY=1), the last X-Forwarded-For entry:
 * the one our proxy appended, since anything before it came from the client. Otherwise the socket's address. "unknown"
 * when neither is there (a server started some other way than `next start`), which then acts as one shared client.
 */
export function clientAddress(headers: HeaderSource, trustProxy = process.env.TRUST_PROXY === "1"): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",").pop()?.trim();
    if (forwarded) return normaliseAddress(forwarded);
  }
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim();
  return peer ? normaliseAddress(peer) : "unknown";
}

/** "::ffff:203.0.113.7" (IPv4 on a dual-stack socket) is the same client as "203.0.113.7"; bounded in length. */
function normaliseAddress(address: string): string {
  const v4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (v4 ? v4[1] : address.toLowerCase()).slice(0, 64);
}
