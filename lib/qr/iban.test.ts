// Tests for IBAN/BIC checks: real-format examples pass, and the typos the checksum promises to catch are caught.
import { describe, expect, it } from "vitest";
import { formatIban, ibanLength, ibanProblem, isValidBic, isValidIban, normalizeIban } from "./iban";

/** Example IBANs as printed by the issuing countries' banks and the SWIFT IBAN registry. */
const VALID_IBANS = [
  "DE89370400440532013000",
  "GB82WEST12345698765432",
  "BE72000000001616", // the EPC069-12 sample beneficiary (Red Cross of Belgium)
  "BE68539007547034",
  "FR1420041010050500013M02606",
  "NL91ABNA0417164300",
  "CH9300762011623852957",
  "AT611904300234573201",
  "ES9121000418450200051332",
  "IT60X0542811101000000123456",
  "NO9386011117947", // shortest registry length (15)
  "MT84MALT011000012345MTLCAST001S", // 31, letters inside the BBAN
  "LC55HEMM000100010012001200023015", // 32, longest in the registry we carry
];

/** Deterministic PRNG (xorshift32) so a failing case can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

/** Independent reference: the textbook BigInt computation of the check digits. */
function checkDigitsBigInt(country: string, bban: string): string {
  const numeric = Array.from(bban + country + "00", (c) => parseInt(c, 36).toString()).join("");
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, "0");
}

describe("isValidIban", () => {
  it.each(VALID_IBANS)("accepts %s", (iban) => {
    expect(isValidIban(iban)).toBe(true);
    expect(ibanProblem(iban)).toBeNull();
  });

  it("accepts the printed form: spaces, no-break spaces and lower case", () => {
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("de89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000")).toBe(true);
    expect(isValidIban("  gb82 west 1234 5698 7654 32 ")).toBe(true);
  });

  it("detects every single-digit typo in a German IBAN", () => {
    const iban = "DE89370400440532013000";
    let tried = 0;
    for (let i = 2; i < iban.length; i++) {
      for (const d of "0123456789") {
        if (d === iban[i]) continue;
        const typo = iban.slice(0, i) + d + iban.slice(i + 1);
        expect(isValidIban(typo), typo).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(20 * 9);
  });

  it("detects single-character typos inside letters too (GB bank code, FR BBAN)", () => {
    for (const iban of ["GB82WEST12345698765432", "FR1420041010050500013M02606"]) {
      for (let i = 4; i < iban.length; i++) {
        const alphabet = /\d/.test(iban[i]) ? "0123456789" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (const c of alphabet) {
          if (c === iban[i]) continue;
          const typo = iban.slice(0, i) + c + iban.slice(i + 1);
          expect(ibanProblem(typo), typo).toBe("checksum");
        }
      }
    }
  });

  it("detects swapped adjacent digits", () => {
    const iban = "DE89370400440532013000";
    for (let i = 4; i < iban.length - 1; i++) {
      if (iban[i] === iban[i + 1]) continue;
      const swapped = iban.slice(0, i) + iban[i + 1] + iban[i] + iban.slice(i + 2);
      expect(isValidIban(swapped), swapped).toBe(false);
    }
  });

  it("agrees with a BigInt mod-97 on random long IBANs (no precision loss)", () => {
    const next = rng(97);
    const alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (let n = 0; n < 300; n++) {
      // Malta: 31 characters with letters, the hardest case for a naive Number() conversion.
      const bban = Array.from({ length: 27 }, () => alnum[Math.floor(next() * 36)]).join("");
      const good = checkDigitsBigInt("MT", bban);
      expect(isValidIban(`MT${good}${bban}`)).toBe(true);
      const bad = String(2 + Math.floor(next() * 97)).padStart(2, "0"); // 02 … 98
      if (bad !== good) expect(isValidIban(`MT${bad}${bban}`)).toBe(false);
    }
  });

  it("says what is wrong, most basic problem first", () => {
    expect(ibanProblem("")).toBe("format");
    expect(ibanProblem("DE")).toBe("format");
    expect(ibanProblem("D189370400440532013000")).toBe("format");
    expect(ibanProblem("DEXX370400440532013000")).toBe("format");
    expect(ibanProblem("DE89-3704-0044-0532-0130-00")).toBe("format");
    expect(ibanProblem("DE89" + "1".repeat(31))).toBe("format"); // 35 > 34
    expect(ibanProblem("XX89370400440532013000")).toBe("country");
    expect(ibanProblem("US89370400440532013000")).toBe("country");
    expect(ibanProblem("DE8937040044053201300")).toBe("length");
    expect(ibanProblem("DE893704004405320130000")).toBe("length");
    expect(ibanProblem("DE88370400440532013000")).toBe("checksum");
  });

  it("does not treat Object.prototype names as countries", () => {
    expect(ibanLength("__proto__")).toBeUndefined();
    expect(ibanLength("toString")).toBeUndefined();
    expect(ibanLength("DE")).toBe(22);
    expect(ibanLength("BE")).toBe(16);
  });
});

describe("normalizeIban / formatIban", () => {
  it("strips whitespace and upper-cases", () => {
    expect(normalizeIban(" de89 3704\t0044 0532 0130 00\n")).toBe("DE89370400440532013000");
  });

  it("groups in fours, with a short last group and no trailing space", () => {
    expect(formatIban("DE89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
    expect(formatIban("be72000000001616")).toBe("BE72 0000 0000 1616");
    expect(formatIban("FR14 2004 1010 0505 0001 3M02 606")).toBe("FR14 2004 1010 0505 0001 3M02 606");
    expect(formatIban("")).toBe("");
  });
});

describe("isValidBic", () => {
  it.each(["COBADEFFXXX", "COBADEFF", "BPOTBEB1", "DEUTDEFF500", "GEBABEBB", "cobadeffxxx", " COBA DE FF XXX "])(
    "accepts %s",
    (bic) => expect(isValidBic(bic)).toBe(true),
  );

  it.each([
    ["", "empty"],
    ["COBADEF", "7 characters"],
    ["COBADEFFX", "9 characters"],
    ["COBADEFFXX", "10 characters"],
    ["COBADEFFXXXX", "12 characters"],
    ["C0BADEFF", "digit in the bank code"],
    ["COBAD3FF", "digit in the country code"],
    ["COBADEF_", "punctuation in the location"],
    ["COBADEFFXX-", "punctuation in the branch"],
  ])("rejects %j (%s)", (bic) => expect(isValidBic(bic)).toBe(false));
});
