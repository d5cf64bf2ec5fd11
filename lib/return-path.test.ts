import { describe, expect, it } from "vitest";
import { returnPath } from "./return-path";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUv";

describe("returnPath", () => {
  it("returns to the payer's page and the app's other pages, with their query", () => {
    expect(returnPath(`/pay/${TOKEN}`)).toBe(`/pay/${TOKEN}`);
    expect(returnPath(`/pay/${TOKEN}?error=choose`)).toBe(`/pay/${TOKEN}?error=choose`);
    for (const p of ["/", "/status", "/login", "/dashboard", "/dashboard/payments/12", "/dashboard/settings/methods"]) {
      expect(returnPath(p)).toBe(p);
    }
  });

  // Each of these starts with one "/", which the old check let through, and the URL parser makes another host of.
  it.each([
    "/%09/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/\t\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/\t/evil.example/pay/AbCdEfGhIjKlMnOpQrStUv",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
  ])("never leaves the site: %j", (raw) => {
    // The route reads the query string already decoded, so a %09 arrives as a tab: test both forms.
    for (const next of [raw, decodeURIComponent(raw.replace(/%(?![0-9A-F]{2})/gi, "%25"))]) {
      expect(returnPath(next)).toBe("/");
    }
  });

  it("sends anything that is not a page of ours to the fallback", () => {
    expect(returnPath(null)).toBe("/");
    expect(returnPath("")).toBe("/");
    expect(returnPath("/pay/not-a-token")).toBe("/");
    expect(returnPath("/pay-v/x")).toBe("/");
    expect(returnPath("/api/v1/payments")).toBe("/");
    expect(returnPath("/dashboard//evil.example")).toBe("/");
    expect(returnPath("https://evil.example/", "/status")).toBe("/status");
  });
});
