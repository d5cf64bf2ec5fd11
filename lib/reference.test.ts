// Tests for payment references: check symbol strength, generation, display and normalisation.
import { describe, expect, it } from "vitest";
import {
  REFERENCE_ALPHABET,
  formatReference,
  generateReference,
  normalizeReference,
  referenceCheckSymbol,
} from "./reference";

/** Deterministic byte source so failures are reproducible. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      // xorshift32
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

function isValid(ref: string): boolean {
  return normalizeReference(ref) === ref;
}

describe("referenceCheckSymbol", () => {
  it("matches hand-computed Luhn mod 32 values", () => {
    // "0000000": sum 0 → check 0.
    expect(referenceCheckSymbol("0000000")).toBe("0");
    // Rightmost "1" is doubled: 2 → check (32 - 2) = 30 = "Y".
    expect(referenceCheckSymbol("0000001")).toBe("Y");
    // "G" = 16, doubled 32 → 1 + 0 = 1 → check 31 = "Z".
    expect(referenceCheckSymbol("000000G")).toBe("Z");
    // "1111111": four doubled 2s + three 1s = 11 → check 21 = "N".
    expect(referenceCheckSymbol("1111111")).toBe("N");
    // Doubling alternates from the right, so position 0 of 7 is doubled and position 1 is not.
    expect(referenceCheckSymbol("1000000")).toBe("Y");
    expect(referenceCheckSymbol("0100000")).toBe("Z");
  });

  it("rejects symbols outside the alphabet", () => {
    for (const bad of ["000000I", "000000L", "000000O", "000000U", "abcdefg", "00-0000"]) {
      expect(() => referenceCheckSymbol(bad), bad).toThrow();
    }
  });
});

describe("error detection", () => {
  const refs = Array.from({ length: 200 }, (_, i) => generateReference(seededBytes(i + 1)));
  // Make sure the fixed edge-case symbols are exercised, not just left to chance.
  refs.push("0Z0Z0Z0" + referenceCheckSymbol("0Z0Z0Z0"), "ZZZZZZZ" + referenceCheckSymbol("ZZZZZZZ"));

  it("detects every single-symbol substitution", () => {
    let checked = 0;
    for (const ref of refs) {
      expect(isValid(ref)).toBe(true);
      for (let pos = 0; pos < ref.length; pos++) {
        for (const sym of REFERENCE_ALPHABET) {
          if (sym === ref[pos]) continue;
          const typo = ref.slice(0, pos) + sym + ref.slice(pos + 1);
          expect(normalizeReference(typo), `${ref} → ${typo}`).toBeNull();
          checked++;
        }
      }
    }
    expect(checked).toBe(refs.length * 8 * 31);
  });

  it("detects every adjacent transposition except the 0↔Z blind spot of Luhn mod 32", () => {
    let detected = 0;
    for (const ref of refs) {
      for (let pos = 0; pos < ref.length - 1; pos++) {
        const a = ref[pos];
        const b = ref[pos + 1];
        if (a === b) continue;
        const swapped = ref.slice(0, pos) + b + a + ref.slice(pos + 2);
        const blindSpot = (a === "0" && b === "Z") || (a === "Z" && b === "0");
        if (blindSpot) {
          // Doubling maps 0→0 and Z(31)→62→1+30=31, so both orders give the same sum.
          expect(normalizeReference(swapped), `${ref} ↔ ${swapped}`).toBe(swapped);
        } else {
          expect(normalizeReference(swapped), `${ref} ↔ ${swapped}`).toBeNull();
          detected++;
        }
      }
    }
    expect(detected).toBeGreaterThan(refs.length * 5);
  });

  it("0↔Z is the only undetected adjacent transposition over all symbol pairs", () => {
    const undetected: string[] = [];
    for (const a of REFERENCE_ALPHABET) {
      for (const b of REFERENCE_ALPHABET) {
        if (a === b) continue;
        // Test the pair in every position of the body, including next to the check symbol.
        for (let pos = 0; pos < 7; pos++) {
          const body = ("2345678".slice(0, pos) + a + b + "2345678").slice(0, 8);
          const fixedBody = body.slice(0, 7);
          const ref = fixedBody + referenceCheckSymbol(fixedBody);
          const swapped = ref.slice(0, pos) + ref[pos + 1] + ref[pos] + ref.slice(pos + 2);
          if (swapped !== ref && normalizeReference(swapped) !== null) undetected.push(`${ref[pos]}${ref[pos + 1]}`);
        }
      }
    }
    expect(new Set(undetected)).toEqual(new Set(["0Z", "Z0"]));
  });
});

describe("generateReference", () => {
  it("maps 5 bits per symbol, most significant first", () => {
    // 0x08 0x42 0x10 0x84 0x21 = 00001 repeated eight times.
    const ones = () => new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21]);
    expect(generateReference(ones)).toBe("1111111N");
    expect(generateReference((n) => new Uint8Array(n))).toBe("00000000");
    expect(generateReference((n) => new Uint8Array(n).fill(0xff))).toBe("ZZZZZZZ" + referenceCheckSymbol("ZZZZZZZ"));
    // 0b00000 00001 00010 00011 00100 00101 00110 (00111 unused)
    const ramp = () => new Uint8Array([0b00000000, 0b01000100, 0b00110010, 0b00010100, 0b11000111]);
    expect(generateReference(ramp).slice(0, 7)).toBe("0123456");
  });

  it("asks for 5 bytes and fails loudly if given fewer", () => {
    const asked: number[] = [];
    generateReference((n) => {
      asked.push(n);
      return new Uint8Array(n);
    });
    expect(asked).toEqual([5]);
    expect(() => generateReference(() => new Uint8Array(4))).toThrow();
  });

  it("produces 10,000 valid, well-spread codes with the real RNG", () => {
    const count = 10_000;
    const codes = Array.from({ length: count }, () => generateReference());
    for (const c of codes) {
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(isValid(c)).toBe(true);
    }
    // 35 random bits: the expected number of collisions in 10,000 codes is ~0.0015.
    expect(new Set(codes).size).toBeGreaterThanOrEqual(count - 2);

    // Each symbol should appear ~312 times per position; ±120 is over 6 standard deviations.
    for (let pos = 0; pos < 8; pos++) {
      const freq = new Map<string, number>();
      for (const c of codes) freq.set(c[pos], (freq.get(c[pos]) ?? 0) + 1);
      expect(freq.size, `position ${pos}`).toBe(32);
      for (const [sym, n] of freq) {
        expect(n, `symbol ${sym} at ${pos}`).toBeGreaterThan(count / 32 - 120);
        expect(n, `symbol ${sym} at ${pos}`).toBeLessThan(count / 32 + 120);
      }
    }
  });
});

describe("formatReference", () => {
  it("splits into two groups of four", () => {
    expect(formatReference("ABCD1234")).toBe("ABCD-1234");
    const ref = generateReference();
    expect(formatReference(ref)).toBe(`${ref.slice(0, 4)}-${ref.slice(4)}`);
  });

  it("leaves non-references alone", () => {
    expect(formatReference("ABC")).toBe("ABC");
    expect(formatReference("ABCD-1234")).toBe("ABCD-1234");
  });
});

describe("normalizeReference", () => {
  const ref = generateReference(seededBytes(42));
  const lower = ref.toLowerCase();

  it("accepts the stored and displayed forms", () => {
    expect(normalizeReference(ref)).toBe(ref);
    expect(normalizeReference(formatReference(ref))).toBe(ref);
  });

  it("ignores case, spaces, dashes, dots and underscores", () => {
    expect(normalizeReference(`${lower.slice(0, 4)} ${lower.slice(4)}`)).toBe(ref);
    expect(normalizeReference(`  ${ref.slice(0, 4)}-${ref.slice(4)}  `)).toBe(ref);
    expect(normalizeReference(`${ref.slice(0, 2)}.${ref.slice(2, 4)}_${ref.slice(4, 6)} - ${ref.slice(6)}`)).toBe(ref);
    expect(normalizeReference(`${ref.slice(0, 4)}\u2013${ref.slice(4)}`)).toBe(ref);
    expect(normalizeReference(`${ref.slice(0, 4)}\t\n${ref.slice(4)}`)).toBe(ref);
  });

  it("reads O as 0 and I/L as 1", () => {
    const body = "10A01B0";
    const r = body + referenceCheckSymbol(body);
    expect(normalizeReference(r.replace(/0/g, "O").replace(/1/g, "I"))).toBe(r);
    expect(normalizeReference(r.replace(/0/g, "o").replace(/1/g, "l"))).toBe(r);
    expect(normalizeReference(r.replace(/1/g, "L").replace(/0/g, "O").toLowerCase())).toBe(r);
  });

  it("rejects wrong length, foreign symbols and bad check symbols", () => {
    expect(normalizeReference("")).toBeNull();
    expect(normalizeReference(ref.slice(0, 7))).toBeNull();
    expect(normalizeReference(ref + "0")).toBeNull();
    expect(normalizeReference(ref.slice(0, 7) + "U")).toBeNull();
    expect(normalizeReference(ref.slice(0, 3) + "!" + ref.slice(4))).toBeNull();
    expect(normalizeReference("1111111M")).toBeNull();
    expect(normalizeReference("1111111N")).toBe("1111111N");
    expect(normalizeReference("ＡＢＣＤ１２３４")).toBeNull();
  });
});
