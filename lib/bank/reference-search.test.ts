import { describe, expect, it } from "vitest";
import { creditorReference, formatCreditorReference, isValidCreditorReference, referenceCheckSymbol } from "../reference";
import { findReference, findReferences, type ReferenceSource } from "./reference-search";

const ref = (body: string) => body + referenceCheckSymbol(body);
/** A reference with 0 and 1 in it, to type with O, I and L. */
const R01 = ref("A0B1C0D");
const R = ref("PSZQY9G");
const source = (s: Partial<ReferenceSource>): ReferenceSource => ({ structuredRef: null, endToEndId: null, remittanceText: null, ...s });
const inText = (text: string) => findReference(source({ remittanceText: text }))?.reference ?? null;

/** An 8-character body + check that is valid, but differs in its last symbol from R: a typo. */
function typo(r: string): string {
  const last = r[7] === "0" ? "1" : "0";
  return r.slice(0, 7) + last;
}

describe("creditor references (ISO 11649)", () => {
  it("computes the check digits of the standard's example and validates them", () => {
    expect(creditorReference("539007547034")).toBe("RF18539007547034");
    expect(isValidCreditorReference("RF18 5390 0754 7034")).toBe(true);
    expect(isValidCreditorReference("rf18539007547034")).toBe(true);
    expect(isValidCreditorReference("RF19539007547034")).toBe(false);
    expect(isValidCreditorReference("RF18539007547035")).toBe(false);
    expect(isValidCreditorReference("RF18")).toBe(false);
  });

  it("wraps our reference with two check digits, always two characters", () => {
    const rf = creditorReference(R);
    expect(rf).toMatch(/^RF\d{2}PSZQY9G.$/);
    expect(isValidCreditorReference(rf)).toBe(true);
    expect(creditorReference("16WE7YDB")).toBe("RF0616WE7YDB");
    expect(formatCreditorReference("RF0616WE7YDB")).toBe("RF06 16WE 7YDB");
  });
});

describe("findReference: where it looks", () => {
  it("prefers the structured reference, then the end-to-end id, then the text, and says which", () => {
    const other = ref("ZZZZZZ1");
    expect(findReference(source({ structuredRef: R, endToEndId: other, remittanceText: R01 }))).toEqual({ reference: R, field: "structured", form: "plain" });
    expect(findReference(source({ endToEndId: other, remittanceText: R01 }))).toEqual({ reference: other, field: "end_to_end", form: "plain" });
    expect(findReference(source({ remittanceText: `Payment ${R01}` }))).toEqual({ reference: R01, field: "text", form: "plain" });
    expect(findReferences(source({ structuredRef: R, remittanceText: `${R01} ${R}` })).map((h) => h.reference)).toEqual([R, R01]);
  });

  it("reads an RF creditor reference in the structured field, spaced or not", () => {
    const rf = creditorReference(R);
    expect(findReference(source({ structuredRef: rf }))).toEqual({ reference: R, field: "structured", form: "rf" });
    expect(findReference(source({ structuredRef: formatCreditorReference(rf) }))?.reference).toBe(R);
    expect(findReference(source({ structuredRef: `RF00${R}` }))).toBeNull(); // wrong RF check digits
  });

  it("finds a reference inside a longer end-to-end id", () => {
    expect(findReference(source({ endToEndId: `SHOP-${R}-1` }))).toEqual({ reference: R, field: "end_to_end", form: "plain" });
  });

  it("returns nothing when no field holds one", () => {
    expect(findReference(source({}))).toBeNull();
    expect(findReference(source({ remittanceText: "Thanks for the cake", endToEndId: "NOTPROVIDED" }))).toBeNull();
  });
});

describe("findReference: tolerance", () => {
  it("accepts lower case, spaces, hyphens and the O/0, I/1, L/1 confusions", () => {
    const spaced = `${R01.slice(0, 4)} ${R01.slice(4)}`;
    expect(inText(`ref ${R01.toLowerCase()}`)).toBe(R01);
    expect(inText(`ref ${spaced.toLowerCase()} thanks`)).toBe(R01);
    expect(inText(`${R01.slice(0, 4)}-${R01.slice(4)}`)).toBe(R01);
    expect(inText(`${R01.slice(0, 4)} \u2013 ${R01.slice(4)}`)).toBe(R01);
    expect(inText(R01.replace(/0/g, "O").replace("1", "I"))).toBe(R01);
    expect(inText(R01.replace(/0/g, "o").replace("1", "l"))).toBe(R01);
    expect(findReference(source({ structuredRef: ` ${R01.slice(0, 2)} ${R01.slice(2, 6)} ${R01.slice(6)} ` }))?.reference).toBe(R01);
  });

  it("accepts Cyrillic letters that look like Latin ones", () => {
    const cyr = ref("ABCEHKM");
    const typed = cyr.replace("A", "А").replace("B", "В").replace("C", "с").replace("E", "Е").replace("M", "м");
    expect(inText(`Оплата ${typed}`)).toBe(cyr);
  });

  it("refuses a reference whose check symbol does not hold", () => {
    expect(inText(`Payment ${typo(R)}`)).toBeNull();
    expect(findReference(source({ structuredRef: typo(R) }))).toBeNull();
  });

  it("reads an RF reference in free text, in one piece or grouped in fours", () => {
    const rf = creditorReference(R01);
    expect(findReference(source({ remittanceText: `Invoice ${rf}` }))).toEqual({ reference: R01, field: "text", form: "rf" });
    expect(inText(`Invoice ${formatCreditorReference(rf).toLowerCase()}`)).toBe(R01);
    expect(inText(`${rf.slice(0, 4)} ${rf.slice(4)}`)).toBe(R01);
    // RF check digits protect the whole: one wrong digit and the plain code inside is not trusted either.
    expect(inText(`${rf.slice(0, 2)}${rf[2] === "9" ? "0" : "9"}${rf.slice(3)}`)).toBeNull();
  });
});

describe("findReference: no false positives from numbers and IBANs", () => {
  /** 8-digit strings that pass our check symbol, so only the token rules keep them out. */
  const validDigits = (n: number): string[] => {
    const out: string[] = [];
    for (let i = 1000000; out.length < n; i++) {
      const body = String(i);
      const r = ref(body);
      if (/^\d+$/.test(r)) out.push(r);
    }
    return out;
  };
  const [d1, d2] = validDigits(2);

  it("ignores slices of a grouped IBAN even where a slice passes the check", () => {
    // An IBAN made so that its 3rd and 4th groups are a valid reference when read together.
    const iban = `DE89 1234 ${d1.slice(0, 4)} ${d1.slice(4)} 0130 00`;
    expect(inText(`From ${iban}`)).toBeNull();
    expect(inText(`${d1.slice(0, 4)} ${d1.slice(4)}`)).toBe(d1); // the same pair alone is a reference
  });

  it("ignores references hidden inside longer tokens: IBANs, long numbers, card numbers", () => {
    expect(inText(`IBAN DE89370400440532013000 ${d1}99`)).toBeNull();
    expect(inText(`order 12${d1}`)).toBeNull();
    expect(inText(`card ${d1.slice(0, 4)} ${d1.slice(4)} 1234 5678`)).toBeNull();
    expect(inText(`tel 8 ${d1} 55`)).toBeNull();
    expect(inText(`x${R}y`)).toBeNull();
  });

  it("keeps a mixed reference next to ordinary words and numbers", () => {
    expect(inText(`Invoice 42 ${R} for 3 items`)).toBe(R);
    expect(inText(`E2E-${R.slice(0, 4)}-${R.slice(4)}`)).toBe(R);
    expect(inText(`Invoice 7 ${R.slice(0, 4)} ${R.slice(4)}`)).toBeNull(); // "7 XXXX XXXX" may be a grouped number: safe side
    expect(inText(`for ${R.slice(0, 4)} ${R.slice(4)}.`)).toBe(R);
  });

  it("puts all-digit candidates after mixed ones", () => {
    expect(findReferences(source({ remittanceText: `order ${d2} ref ${R}` })).map((h) => h.reference)).toEqual([R, d2]);
  });
});
