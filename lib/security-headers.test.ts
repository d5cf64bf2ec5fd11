import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, derivedNonce, FALLBACK_POLICY, HSTS, PERMISSIONS_POLICY, randomNonce, SECURITY_HEADERS, strictTransportSecurity } from "./security-headers";
import { TIME_ZONE_SCRIPT } from "./time-zone";

const directive = (policy: string, name: string) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

describe("strictTransportSecurity", () => {
  it("is sent only when the app is served over https", () => {
    expect(strictTransportSecurity("https://pay.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity("HTTPS://pay.example.com/")).toBe(HSTS);
    expect(strictTransportSecurity("http://pay.example.com")).toBeNull();
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity("")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});

describe("contentSecurityPolicy", () => {
  it("lets scripts run only from our files, with the nonce, or by hash: never inline otherwise, never eval", () => {
    const policy = contentSecurityPolicy({ nonce: "abc_-123" });
    expect(directive(policy, "script-src")).toBe(`script-src 'self' 'nonce-abc_-123' 'sha256-${createHash("sha256").update(TIME_ZONE_SCRIPT).digest("base64")}'`);
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'none'");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
    expect(directive(policy, "default-src")).toBe("default-src 'self'");
  });

  it("allows styles from our stylesheet only", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n" }), "style-src")).toBe("style-src 'self'");
  });

  it("allows eval and inline styles only for next dev", () => {
    const dev = contentSecurityPolicy({ nonce: "n", dev: true });
    expect(directive(dev, "script-src")).toContain("'unsafe-eval'");
    expect(directive(dev, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(dev, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("has no nonce in the fallback for responses that do not pass through the proxy", () => {
    expect(FALLBACK_POLICY).not.toContain("'nonce-");
    expect(directive(FALLBACK_POLICY, "script-src")).not.toContain("'unsafe-inline'");
  });
});

describe("nonces", () => {
  it("are fresh per response, or derived from the page and the key for a cached page", () => {
    expect(randomNonce()).not.toBe(randomNonce());
    expect(randomNonce()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const key = new Uint8Array(32).fill(7);
    expect(derivedNonce(key, "page-a")).toBe(derivedNonce(key, "page-a"));
    expect(derivedNonce(key, "page-a")).not.toBe(derivedNonce(key, "page-b"));
    expect(derivedNonce(new Uint8Array(32).fill(8), "page-a")).not.toBe(derivedNonce(key, "page-a"));
    // The form Next.js reads from the policy header ('nonce-…' of base64 or base64url characters).
    expect(derivedNonce(key, "page-a")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("SECURITY_HEADERS", () => {
  it("deny the browser features no page uses, and keep the clipboard our copy buttons need", () => {
    expect(SECURITY_HEADERS["Permissions-Policy"]).toBe(PERMISSIONS_POLICY);
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"]) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    expect(PERMISSIONS_POLICY).not.toContain("clipboard");
  });
});
