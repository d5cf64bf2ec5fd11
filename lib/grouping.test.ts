import { describe, expect, it } from "vitest";
import { groupsOf } from "./grouping";

describe("groupsOf", () => {
  it("splits at spaces, keeping each group whole", () => {
    expect(groupsOf("DE89 3704 0044 0532 0130 00")).toEqual(["DE89", "3704", "0044", "0532", "0130", "00"]);
    expect(groupsOf("  Jane   Doe ")).toEqual(["Jane", "Doe"]);
  });
  it("groups an IBAN typed without spaces in fours", () => {
    expect(groupsOf("DE89370400440532013000")).toEqual(["DE89", "3704", "0044", "0532", "0130", "00"]);
  });
  it("leaves other unspaced values whole", () => {
    expect(groupsOf("TX-2026-000123")).toEqual(["TX-2026-000123"]);
    expect(groupsOf("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")).toEqual(["bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"]);
  });
});
