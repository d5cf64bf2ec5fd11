import { describe, expect, it } from "vitest";
import { formatDuration } from "./format";

describe("formatDuration", () => {
  it("rounds down to whole minutes, hours and days", () => {
    expect(formatDuration(30_000)).toBe("just now");
    expect(formatDuration(3 * 60_000 + 59_000)).toBe("3 min");
    expect(formatDuration(125 * 60_000)).toBe("2 h 5 min");
    expect(formatDuration(120 * 60_000)).toBe("2 h");
    expect(formatDuration((4 * 24 + 3) * 3600_000)).toBe("4 d 3 h");
    expect(formatDuration(-5000)).toBe("just now");
  });
});
