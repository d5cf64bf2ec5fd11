// Stamps every incoming request with the address of the socket it came on (lib/client-address.ts reads it), replacing
// any value a client sent under that name. Next.js passes request headers through to route handlers and server actions
// but not the socket, and its own X-Forwarded-For keeps whatever the client sent, so it cannot tell who is asking.
import http from "node:http";
import { PEER_ADDRESS_HEADER } from "@/lib/client-address";

const g = globalThis as unknown as { __dpPeerAddressInstalled?: boolean };

export function installPeerAddressHeader(): void {
  if (g.__dpPeerAddressInstalled) return;
  g.__dpPeerAddressInstalled = true;
  const emit = http.Server.prototype.emit;
  // The server `next start` made already exists; its emit is looked up on the prototype at each event.
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stampPeer(args[0] as http.IncomingMessage);
    return (emit as (e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}

export function stampPeer(req: http.IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
  else delete req.headers[PEER_ADDRESS_HEADER];
}
