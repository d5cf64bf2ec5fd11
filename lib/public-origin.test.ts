import { describe, expect, it } from "vitest";
import { publicOrigin } from "./public-origin";

const h = (o: Record<string, string>) => new Headers(o);
// What Next.js hands the app: it fills X-Forwarded-Host from Host when the client sent none.
const attack = h({ host: "pay.local:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });

describe("publicOrigin", () => {
  it("is APP_URL whenever it is set, whatever the request says", () => {
    expect(publicOrigin(attack, { APP_URL: "https://pay.example.com/" })).toBe("https://pay.example.com");
    expect(publicOrigin(attack, { APP_URL: "https://pay.example.com", TRUST_PROXY: "1" })).toBe("https://pay.example.com");
  });

  it("ignores a client's X-Forwarded-Host and -Proto unless TRUST_PROXY=1: links stay on the request's own host", () => {
    expect(publicOrigin(attack, {})).toBe("http://pay.local:3000");
    expect(publicOrigin(attack, { TRUST_PROXY: "true" })).toBe("http://pay.local:3000");
  });

  it("takes the forwarded host and protocol from a trusted reverse proxy (the first, when it appended to a list)", () => {
    expect(publicOrigin(h({ host: "127.0.0.1:3000", "x-forwarded-host": "pay.example.com", "x-forwarded-proto": "https" }), { TRUST_PROXY: "1" })).toBe("https://pay.example.com");
    expect(publicOrigin(h({ host: "127.0.0.1:3000", "x-forwarded-host": "pay.example.com, 127.0.0.1:3000", "x-forwarded-proto": "https,http" }), { TRUST_PROXY: "1" })).toBe("https://pay.example.com");
    expect(publicOrigin(h({ host: "pay.example.com" }), { TRUST_PROXY: "1" })).toBe("http://pay.example.com");
  });

  it("never builds a link from a host that is not a host", () => {
    expect(publicOrigin(h({ host: "evil.example/phish?x=" }), {})).toBe("http://localhost:3000");
    expect(publicOrigin(h({ host: "a", "x-forwarded-host": "evil.example@x" }), { TRUST_PROXY: "1" })).toBe("http://localhost:3000");
    expect(publicOrigin(h({ host: "a", "x-forwarded-proto": "javascript" }), { TRUST_PROXY: "1" })).toBe("http://a");
    expect(publicOrigin(h({ host: "[::1]:3000" }), {})).toBe("http://[::1]:3000");
  });

  it("is the local address, on PORT when it is set, outside a request (webhooks, jobs, scripts) when APP_URL is unset", () => {
    expect(publicOrigin(null, { PORT: "3960" })).toBe("http://localhost:3960");
    expect(publicOrigin(null, { PORT: "x" })).toBe("http://localhost:3000");
    expect(publicOrigin(undefined, {})).toBe("http://localhost:3000");
    expect(publicOrigin(null, {})).toBe("http://localhost:3000");
  });
});
