import { describe, expect, it } from "vitest";
import { isCrossSite, seeOther } from "./form-post";

const h = (o: Record<string, string>) => new Headers(o);

describe("isCrossSite", () => {
  it("lets our own pages post, and refuses another site's", () => {
    expect(isCrossSite(h({ host: "pay.example.com", origin: "https://pay.example.com", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSite(h({ host: "pay.example.com", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSite(h({ host: "pay.example.com", origin: "https://pay.example.com", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSite(h({ host: "pay.example.com", "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSite(h({ host: "pay.example.com", origin: "null" }))).toBe(true);
  });

  it("judges behind a reverse proxy by the forwarded host, and lets a client without a browser's headers through", () => {
    expect(isCrossSite(h({ host: "127.0.0.1:3000", "x-forwarded-host": "pay.example.com", origin: "https://pay.example.com" }))).toBe(false);
    expect(isCrossSite(h({ host: "127.0.0.1:3000" }))).toBe(false);
  });
});

describe("seeOther", () => {
  it("sends the browser on to the page with a GET", () => {
    const res = seeOther("/dashboard?notice=approved");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard?notice=approved");
  });
});
