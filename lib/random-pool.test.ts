import { describe, expect, it } from "vitest";
import { randomBytesPooled } from "./random-pool";

describe("randomBytesPooled", () => {
  it("hands out the asked number of bytes, each call its own copy, across refills of the block", () => {
    const seen = new Set<string>();
    const held: Uint8Array[] = [];
    for (let i = 0; i < 2000; i++) {
      const b = randomBytesPooled(16);
      expect(b).toHaveLength(16);
      held.push(b);
      seen.add(Buffer.from(b).toString("hex"));
    }
    // 2,000 values of 128 bits: no repeats, and refilling the block (every 256 calls) did not change those handed out.
    expect(seen.size).toBe(2000);
    expect(new Set(held.map((b) => Buffer.from(b).toString("hex")))).toEqual(seen);
    expect(randomBytesPooled(5000)).toHaveLength(5000);
  });

  it("draws bytes that look uniform (every value of a byte appears)", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 400; i++) for (const b of randomBytesPooled(64)) counts[b]++;
    // 25,600 bytes: each value expected 100 times; a stuck or zeroed block would leave most at 0.
    expect(Math.min(...counts)).toBeGreaterThan(40);
  });
});
