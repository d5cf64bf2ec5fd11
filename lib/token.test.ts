// Tests for customer link tokens: shape, entropy and uniqueness.
import { describe, expect, it } from "vitest";
import { isWellFormedToken, newPaymentToken } from "./token";

describe("newPaymentToken", () => {
  it("is 22 base64url characters without padding", () => {
    for (let i = 0; i < 100; i++) {
      const t = newPaymentToken();
      expect(t).toHaveLength(22);
      expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(t).not.toContain("=");
      expect(isWellFormedToken(t)).toBe(true);
    }
  });

  it("carries 128 bits: decodes to 16 bytes and re-encodes identically", () => {
    for (let i = 0; i < 100; i++) {
      const t = newPaymentToken();
      const raw = Buffer.from(t, "base64url");
      expect(raw).toHaveLength(16);
      expect(raw.toString("base64url")).toBe(t);
    }
  });

  it("1,000 tokens are all distinct and use the full alphabet", () => {
    const tokens = Array.from({ length: 1000 }, newPaymentToken);
    expect(new Set(tokens).size).toBe(1000);
    // 21 full characters × 1000 tokens: every one of the 64 symbols shows up (P(miss) ≈ 64·e^-328).
    const seen = new Set(tokens.flatMap((t) => [...t.slice(0, 21)]));
    expect(seen.size).toBe(64);
  });
});

describe("isWellFormedToken", () => {
  it("rejects wrong length, padding and foreign characters", () => {
    const t = newPaymentToken();
    expect(isWellFormedToken(t.slice(1))).toBe(false);
    expect(isWellFormedToken(t + "A")).toBe(false);
    expect(isWellFormedToken(t.slice(0, 21) + "=")).toBe(false);
    expect(isWellFormedToken(t.slice(0, 21) + "+")).toBe(false);
    expect(isWellFormedToken(t.slice(0, 21) + "/")).toBe(false);
    expect(isWellFormedToken(` ${t}`)).toBe(false);
    expect(isWellFormedToken(`${t}\n`)).toBe(false);
    expect(isWellFormedToken("")).toBe(false);
    expect(isWellFormedToken("a".repeat(21) + "é")).toBe(false);
    expect(isWellFormedToken("AAAAAAAAAAAAAAAAAAAA_-")).toBe(true);
  });
});
