import { describe, expect, it } from "vitest";
import { parsePayerPageId, payerPageId, payerPageKey } from "./payer-page-cache";

const token = "AbCdEfGhIjKlMnOpQrSt_-";

describe("payer page paths", () => {
  it("name version and settings version, and mark an open payment past its expiry as due", () => {
    const now = 1_000_000;
    expect(payerPageKey({ version: 3, settingsVersion: 7, status: "open", expiresAt: now + 1 }, now)).toBe("3.7");
    expect(payerPageKey({ version: 3, settingsVersion: 7, status: "open", expiresAt: now }, now)).toBe("3.7-due");
    // Only an open payment expires: a submitted one past the link's expiry still waits for its check.
    expect(payerPageKey({ version: 4, settingsVersion: 7, status: "submitted", expiresAt: now - 1 }, now)).toBe("4.7");
  });

  it("round-trip through the page id and refuse anything else", () => {
    const plain = payerPageId({ token, locale: "ru", key: "12.3" });
    expect(plain).toBe(`${token}.ru.12.3`);
    expect(parsePayerPageId(plain)).toEqual({ token, locale: "ru", key: "12.3" });
    const withError = payerPageId({ token, locale: "en", key: "2.1-due", error: "unavailable" });
    expect(parsePayerPageId(withError)).toEqual({ token, locale: "en", key: "2.1-due", error: "unavailable" });
    for (const bad of [`${token}.de.1.1`, `${token}.en.1`, `${token}.en.1.1.1`, `${token}.en.1.1.nope`, `short.en.1.1`, `${token}.en.x.1`, `${token}.en.1.1-late`, ""]) {
      expect(parsePayerPageId(bad), bad).toBeNull();
    }
  });
});
