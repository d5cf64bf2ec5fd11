import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";
import { parseId } from "./parse-id";

describe("cursor", () => {
  it("round-trips (time, id)", () => {
    const c = { t: 1_750_000_000_123, id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it("is null for anything it did not make", () => {
    for (const s of [undefined, null, "", "not-a-cursor", Buffer.from("1.x").toString("base64url"), "A".repeat(65)]) {
      expect(decodeCursor(s), String(s)).toBeNull();
    }
  });
});

describe("parseId", () => {
  it("takes positive integers and refuses everything else", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("007")).toBe(7);
    expect(parseId("999999999999")).toBe(999_999_999_999);
    for (const raw of ["0", "-1", "1.5", "1e3", "", " 1", "1234567890123", "abc", null, undefined]) expect(parseId(raw), String(raw)).toBeNull();
  });
});
