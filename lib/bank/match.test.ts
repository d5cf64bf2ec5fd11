import { describe, expect, it } from "vitest";
import { decideLine, decideLines, expiredBefore, suggestPayments, type MatchInput, type MatchLine, type MatchPayment } from "./match";
import { nameSimilarity } from "./name-similarity";
import { findReferences, type ReferenceHit } from "./reference-search";

const DAY = 86_400_000;
const JAN15 = Date.parse("2024-01-15T00:00:00Z");

function payment(overrides: Partial<MatchPayment> = {}): MatchPayment {
  return {
    id: 1,
    reference: "PSZQY9GX",
    status: "open",
    amount: 5000,
    currency: "EUR",
    amountReceived: 0,
    createdAt: JAN15 - 3 * DAY,
    expiresAt: JAN15 + 10 * DAY,
    customerName: "Anna Schmidt",
    ...overrides,
  };
}

const line = (overrides: Partial<MatchLine> = {}): MatchLine => ({
  direction: "credit",
  reversal: false,
  amountMinor: 5000,
  currency: "EUR",
  bookingDate: "2024-01-15",
  counterpartyName: "Anna Schmidt",
  ...overrides,
});

const hit = (reference = "PSZQY9GX"): ReferenceHit => ({ reference, field: "structured", form: "plain" });

function input(overrides: Partial<MatchInput> = {}): MatchInput {
  return { line: line(), manual: null, hits: [hit()], byReference: [payment()], candidates: [], feeToleranceMinor: 0, ...overrides };
}

const found = { paymentId: 1, reference: "PSZQY9GX", field: "structured" };

describe("decideLine: by reference", () => {
  it("matches the exact amount and currency on an open or submitted payment", () => {
    expect(decideLine(input())).toEqual({ ...found, kind: "matched", amountReceived: 5000, settled: true });
    expect(decideLine(input({ byReference: [payment({ status: "submitted" })] })).kind).toBe("matched");
  });

  it("records an underpayment with what is missing, and counts it as paid only within the fee tolerance", () => {
    const short = input({ line: line({ amountMinor: 4850 }) });
    expect(decideLine(short)).toEqual({ ...found, kind: "underpaid", amountReceived: 4850, missingMinor: 150, settled: false });
    expect(decideLine({ ...short, feeToleranceMinor: 150 })).toMatchObject({ kind: "underpaid", missingMinor: 150, settled: true });
    expect(decideLine({ ...short, feeToleranceMinor: 149 })).toMatchObject({ kind: "underpaid", settled: false });
  });

  it("adds a top-up to what was received before", () => {
    const topUp = input({ line: line({ amountMinor: 1000 }), byReference: [payment({ amountReceived: 4000 })] });
    expect(decideLine(topUp)).toMatchObject({ kind: "matched", amountReceived: 5000 });
    const tooMuch = input({ line: line({ amountMinor: 1500 }), byReference: [payment({ amountReceived: 4000 })] });
    expect(decideLine(tooMuch)).toMatchObject({ kind: "overpaid", amountReceived: 5500, overpaidMinor: 500 });
  });

  it("flags an overpayment by how much", () => {
    expect(decideLine(input({ line: line({ amountMinor: 5001 }) }))).toEqual({ ...found, kind: "overpaid", amountReceived: 5001, overpaidMinor: 1, settled: true });
  });

  it("sends cancelled, expired, approved, other-currency and doubled references to review with the reason", () => {
    const review = (p: Partial<MatchPayment>) => decideLine(input({ byReference: [payment(p)] }));
    expect(review({ status: "cancelled" })).toEqual({ ...found, kind: "review", reason: "cancelled" });
    expect(review({ status: "expired" })).toMatchObject({ kind: "review", reason: "expired" });
    expect(review({ status: "approved" })).toMatchObject({ kind: "review", reason: "already_approved" });
    expect(review({ currency: "USD" })).toMatchObject({ kind: "review", reason: "currency_differs" });
    expect(decideLine(input({ byReference: [payment(), payment({ id: 2 })] }))).toMatchObject({ kind: "review", reason: "ambiguous_reference" });
  });

  it("takes the first reference that is a real payment, in the hits' order", () => {
    const hits = [hit("ZZZZZZZZ"), { reference: "PSZQY9GX", field: "text", form: "plain" } as ReferenceHit, hit("OTHER000")];
    const other = payment({ id: 9, reference: "OTHER000" });
    expect(decideLine(input({ hits, byReference: [other, payment()] }))).toMatchObject({ paymentId: 1, field: "text" });
  });

  it("never matches debits or reversals", () => {
    expect(decideLine(input({ line: line({ direction: "debit" }) }))).toEqual({ kind: "skip", reason: "debit" });
    expect(decideLine(input({ line: line({ reversal: true }) }))).toEqual({ kind: "skip", reason: "reversal" });
    expect(decideLine(input({ line: line({ reversal: true, direction: "debit" }) }))).toEqual({ kind: "skip", reason: "reversal" });
  });

  it("keeps a person's match, unmatch or ignore, whatever the line says", () => {
    for (const manual of [{ kind: "matched", paymentId: 7 }, { kind: "unmatched" }, { kind: "ignored", reason: "owner's own transfer" }] as const) {
      expect(decideLine(input({ manual }))).toEqual({ kind: "keep" });
    }
  });

  it("treats a reference that is no payment's like no reference", () => {
    expect(decideLine(input({ byReference: [] }))).toEqual({ kind: "unmatched", suggestions: [] });
  });
});

describe("suggestions without a reference", () => {
  const noRef = (candidates: MatchPayment[], l = line()) => decideLine(input({ line: l, hits: [], byReference: [], candidates }));

  it("suggests open payments of the same amount and currency, the alike payer name first, each with reasons", () => {
    const decision = noRef([
      payment({ id: 10, customerName: "Bob Jones", createdAt: JAN15 - DAY }),
      payment({ id: 11, customerName: "SCHMIDT, ANNA", createdAt: JAN15 - 5 * DAY }),
    ]);
    expect(decision).toEqual({
      kind: "unmatched",
      suggestions: [
        { paymentId: 11, reference: "PSZQY9GX", nameScore: 1, reasons: ["same amount and currency", "open on 2024-01-15", "payer name alike: SCHMIDT, ANNA"] },
        { paymentId: 10, reference: "PSZQY9GX", nameScore: 0, reasons: ["same amount and currency", "open on 2024-01-15"] },
      ],
    });
  });

  it("leaves out other amounts, other currencies, closed payments and payments not open at the booking date", () => {
    const decision = noRef([
      payment({ id: 20, amount: 5001 }),
      payment({ id: 21, currency: "USD" }),
      payment({ id: 22, status: "approved" }),
      payment({ id: 23, status: "cancelled" }),
      payment({ id: 24, createdAt: JAN15 + 3 * DAY }),
      payment({ id: 25, expiresAt: JAN15 - 2 * DAY }),
      payment({ id: 26 }),
    ]);
    expect(decision.kind === "unmatched" && decision.suggestions.map((s) => s.paymentId)).toEqual([26]);
  });

  it("suggests a payment that has expired since, if it was still open on the booking date", () => {
    const late = suggestPayments(line(), [payment({ status: "expired", expiresAt: JAN15 + 12 * 3_600_000 })]);
    expect(late.map((s) => s.reasons[1])).toEqual(["open on 2024-01-15, expired since"]);
    expect(suggestPayments(line(), [payment({ status: "expired", expiresAt: JAN15 - 3 * DAY })])).toEqual([]);
  });

  it("names the moment before which a payment that expired was open on no day from the booking date on (the lookup's bound)", () => {
    const bound = expiredBefore("2024-01-15");
    // Just past the bound: still open on the booking date, suggested; at the bound: not, as the lookup leaves it out.
    expect(suggestPayments(line(), [payment({ status: "expired", expiresAt: bound + 1 })])).toHaveLength(1);
    expect(suggestPayments(line(), [payment({ status: "expired", expiresAt: bound })])).toEqual([]);
    expect(expiredBefore("not a date")).toBeNaN();
  });

  it("offers at most three, newest first among equals, and counts what is still missing after a part payment", () => {
    const many = [1, 2, 3, 4].map((n) => payment({ id: n, customerName: null, createdAt: JAN15 - n * DAY }));
    expect(suggestPayments(line(), many).map((s) => s.paymentId)).toEqual([1, 2, 3]);
    const part = suggestPayments(line({ amountMinor: 1000 }), [payment({ amountReceived: 4000 })]);
    expect(part[0].reasons[0]).toBe("the amount still missing, in the same currency");
  });
});

describe("decideLines: a whole import", () => {
  it("carries received amounts from line to line, so a top-up in the same file settles the payment", () => {
    const text = (t: string) => findReferences({ structuredRef: null, endToEndId: null, remittanceText: t });
    const items = [
      { line: line({ amountMinor: 3000 }), manual: null, hits: text("pszq-y9gx") },
      { line: line({ amountMinor: 2000 }), manual: null, hits: text("PSZQY9GX rest") },
      { line: line({ amountMinor: 100 }), manual: null, hits: text("PSZQY9GX again") },
      { line: line({ amountMinor: 5000 }), manual: null, hits: [] },
    ];
    const decisions = decideLines(items, [payment()], () => [payment({ id: 2, customerName: "Anna Schmidt" })], 0);
    expect(decisions.map((d) => d.kind)).toEqual(["underpaid", "matched", "overpaid", "unmatched"]);
    expect(decisions[1]).toMatchObject({ amountReceived: 5000 });
    expect(decisions[2]).toMatchObject({ amountReceived: 5100, overpaidMinor: 100 });
  });
});

describe("nameSimilarity", () => {
  it("ignores case, accents, word order, punctuation and legal forms", () => {
    expect(nameSimilarity("Anna Schmidt", "SCHMIDT, ANNA")).toBe(1);
    expect(nameSimilarity("Zoë Brändli", "ZOE BRANDLI")).toBe(1);
    expect(nameSimilarity("Müller GmbH", "Muller")).toBe(1);
    expect(nameSimilarity("ООО «Ромашка»", "Ромашка")).toBe(1);
  });

  it("reads Cyrillic, also against a Latin spelling, with ё as е", () => {
    expect(nameSimilarity("Ёлкин Пётр", "ЕЛКИН ПЕТР")).toBe(1);
    expect(nameSimilarity("Пётр Ёлкин", "Petr Elkin")).toBe(1);
    expect(nameSimilarity("Иванов Иван", "Ivanov Ivan")).toBe(1);
  });

  it("allows a spelling variant and an initial, but an initial alone is not alike", () => {
    expect(nameSimilarity("Jean Dupont", "Jean Dupond")).toBe(1);
    expect(nameSimilarity("A. Schmidt", "Anna Schmidt")).toBe(0.75);
    expect(nameSimilarity("A. Meyer", "Anna Schmidt")).toBeLessThan(0.5);
  });

  it("scores unrelated or empty names 0", () => {
    expect(nameSimilarity("Anna Schmidt", "Bob Jones")).toBe(0);
    expect(nameSimilarity("", "Bob")).toBe(0);
    expect(nameSimilarity("GmbH", "GmbH")).toBe(0);
  });
});
