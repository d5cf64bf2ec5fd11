import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_BYTES, newPasswordProblem } from "./password-rules";

describe("newPasswordProblem", () => {
  it("asks for at least 10 characters", () => {
    expect(newPasswordProblem("short")).toMatch(/at least 10 characters/);
    expect(newPasswordProblem("ten-chars!")).toBeNull();
  });

  it("refuses what bcrypt would cut off: more than 72 bytes of UTF-8, counting bytes, not letters", () => {
    expect(newPasswordProblem("x".repeat(MAX_PASSWORD_BYTES))).toBeNull();
    expect(newPasswordProblem("x".repeat(MAX_PASSWORD_BYTES + 1))).toMatch(/too long: at most 72 bytes/);
    // 37 Cyrillic letters are 74 bytes.
    expect(newPasswordProblem("я".repeat(37))).toMatch(/too long/);
    expect(newPasswordProblem("я".repeat(36))).toBeNull();
  });
});
