import { describe, expect, it } from "vitest";
import { availableMethods, methodAccepts } from "./method-availability";

const base = { enabled: true, archived: false, currencies: ["EUR"], minAmount: null, maxAmount: null };

describe("methodAccepts", () => {
  it("accepts a matching currency with no limits", () => {
    expect(methodAccepts(base, "EUR", 1)).toBe(true);
  });
  it("refuses another currency", () => {
    expect(methodAccepts(base, "USD", 1000)).toBe(false);
  });
  it("treats an empty currency list as every currency", () => {
    expect(methodAccepts({ ...base, currencies: [] }, "JPY", 500)).toBe(true);
  });
  it("refuses disabled and archived methods", () => {
    expect(methodAccepts({ ...base, enabled: false }, "EUR", 1000)).toBe(false);
    expect(methodAccepts({ ...base, archived: true }, "EUR", 1000)).toBe(false);
  });
  it("applies the minimum inclusively, in the currency's own exponent", () => {
    const m = { ...base, currencies: ["EUR", "JPY"], minAmount: "10" };
    expect(methodAccepts(m, "EUR", 999)).toBe(false);
    expect(methodAccepts(m, "EUR", 1000)).toBe(true);
    expect(methodAccepts(m, "JPY", 9)).toBe(false);
    expect(methodAccepts(m, "JPY", 10)).toBe(true);
  });
  it("applies the maximum inclusively", () => {
    const m = { ...base, maxAmount: "1000.50" };
    expect(methodAccepts(m, "EUR", 100050)).toBe(true);
    expect(methodAccepts(m, "EUR", 100051)).toBe(false);
  });
});

describe("availableMethods", () => {
  it("keeps fitting methods in display order", () => {
    const methods = [
      { ...base, id: 1, position: 3 },
      { ...base, id: 2, position: 1, currencies: ["USD"] },
      { ...base, id: 3, position: 2 },
      { ...base, id: 4, position: 0, enabled: false },
    ];
    expect(availableMethods(methods, "EUR", 500).map((m) => m.id)).toEqual([3, 1]);
  });
});
