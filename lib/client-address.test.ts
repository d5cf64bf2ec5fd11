import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerAddressHeader } from "@/server/peer-address";
import { clientAddress, PEER_ADDRESS_HEADER } from "./client-address";

const headers = (h: Record<string, string>) => new Headers(h);

describe("clientAddress", () => {
  it("without TRUST_PROXY ignores X-Forwarded-For, which any client can send, and uses the socket's address", () => {
    const h = headers({ "x-forwarded-for": "198.51.100.1", [PEER_ADDRESS_HEADER]: "203.0.113.5" });
    expect(clientAddress(h, false)).toBe("203.0.113.5");
  });

  it("behind a trusted proxy takes the last X-Forwarded-For entry (the proxy's own), not what the client put before it", () => {
    const h = headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.1", [PEER_ADDRESS_HEADER]: "127.0.0.1" });
    expect(clientAddress(h, true)).toBe("198.51.100.1");
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1" }), true)).toBe("127.0.0.1");
  });

  it("treats an IPv4 client on a dual-stack socket as the same client", () => {
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "::ffff:203.0.113.5" }), false)).toBe("203.0.113.5");
  });
});

describe("the peer address header on a real server", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    installPeerAddressHeader();
    server = http.createServer((req, res) => {
      const h = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      res.end(clientAddress(h, false));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("is the socket's address whatever the client claims, in that header or in X-Forwarded-For", async () => {
    const res = await fetch(url, { headers: { [PEER_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "198.51.100.8" } });
    expect(await res.text()).toBe("127.0.0.1");
  });
});
