import { describe, expect, it } from "vitest";
import { publicOrigin } from "./public-origin";

const h = (o: Record<string, string>) => new Headers(o);
// What Next.js hands the app: it fills X-Forwarded-Host from Host when the client sent none.
const attack = h({ host: "pay.local:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });

describe("publicOrigin", () => {
  it("is APP_URL whenever it is set, whatever the request says", () => {
    expect(publicOrigin({ APP_URL: "https://pay.example.com/" }, attack)).toBe("https://pay.example.com");
    expect(publicOrigin({ APP_URL: "https://pay.example.com", TRUST_PROXY: "1" }, attack)).toBe("https://pay.example.com");
  });

  it("ignores a client's X-Forwarded-Host and -Proto unless TRUST_PROXY=1: links stay on the request's own host", () => {
    expect(publicOrigin({}, attack)).toBe("http://pay.local:3000");
    expect(publicOrigin({ TRUST_PROXY: "true" }, attack)).toBe("http://pay.local:3000");
  });

  it("takes the forwarded host and protocol from a trusted reverse proxy (the first, when it appended to a list)", () => {
    expect(publicOrigin({ TRUST_PROXY: "1" }, h({ host: "127.0.0.1:3000", "x-forwarded-host": "pay.example.com", "x-forwarded-proto": "https" }))).toBe("https://pay.example.com");
    expect(publicOrigin({ TRUST_PROXY: "1" }, h({ host: "127.0.0.1:3000", "x-forwarded-host": "pay.example.com, 127.0.0.1:3000", "x-forwarded-proto": "https,http" }))).toBe("https://pay.example.com");
    expect(publicOrigin({ TRUST_PROXY: "1" }, h({ host: "pay.example.com" }))).toBe("http://pay.example.com");
  });

  it("never builds a link from a host that is not a host", () => {
    expect(publicOrigin({}, h({ host: "evil.example/phish?x=" }))).toBe("http://localhost:3000");
    expect(publicOrigin({ TRUST_PROXY: "1" }, h({ host: "a", "x-forwarded-host": "evil.example@x" }))).toBe("http://localhost:3000");
    expect(publicOrigin({ TRUST_PROXY: "1" }, h({ host: "a", "x-forwarded-proto": "javascript" }))).toBe("http://a");
    expect(publicOrigin({}, h({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
  });

  it("is the local default outside a request (webhooks) when APP_URL is unset", () => {
    expect(publicOrigin({})).toBe("http://localhost:3000");
    expect(publicOrigin({}, null)).toBe("http://localhost:3000");
  });
});
