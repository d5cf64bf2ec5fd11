import { describe, expect, it } from "vitest";
import { checkBalances, fileHash, lineDedupKeys, statementAmount, statementTotals, type ParsedStatement, type StatementLine } from "./statement";

function line(overrides: Partial<StatementLine> = {}): StatementLine {
  return {
    lineNo: 2,
    position: "line 2",
    amountMinor: 1000,
    currency: "EUR",
    direction: "credit",
    reversal: false,
    bookingDate: "2024-01-15",
    valueDate: null,
    bankRef: null,
    endToEndId: null,
    structuredRef: null,
    remittanceText: "Invoice 1",
    counterpartyName: "Anna",
    counterpartyAccount: null,
    instructedAmount: null,
    ...overrides,
  };
}

function statement(lines: StatementLine[], opening: number | null, closing: number | null): ParsedStatement {
  const bal = (n: number | null) => (n === null ? null : { amountMinor: n, currency: "EUR", date: null });
  return { format: "csv", account: null, currency: "EUR", statementId: null, openingBalance: bal(opening), closingBalance: bal(closing), lines };
}

describe("statement amounts", () => {
  it("refuses zero and unreadable line amounts with a readable reason", () => {
    expect(statementAmount("0.00", "EUR")).toEqual({ ok: false, problem: 'the amount "0.00" is zero' });
    expect(statementAmount("abc", "EUR")).toEqual({ ok: false, problem: 'the amount "abc" is not readable' });
    expect(statementAmount(" ", "EUR")).toEqual({ ok: false, problem: "the amount is missing" });
    expect(statementAmount("1", "BTC")).toEqual({ ok: false, problem: '"BTC" is not a currency we know' });
  });
});

describe("totals and the balance check", () => {
  const lines = [
    line({ amountMinor: 10 }),
    line({ amountMinor: 20, direction: "debit" }),
    line({ amountMinor: 5 }),
    line({ amountMinor: 700, currency: "USD" }),
  ];

  it("sums credits and debits per currency", () => {
    expect(statementTotals(lines)).toEqual({
      EUR: { credits: 15, debits: 20, creditCount: 2, debitCount: 1 },
      USD: { credits: 700, debits: 0, creditCount: 1, debitCount: 0 },
    });
  });

  it("checks opening + credits − debits = closing exactly, over the balance currency's lines", () => {
    expect(checkBalances(statement(lines, 100, 95))).toEqual({ status: "ok" });
    expect(checkBalances(statement(lines, 100, 96))).toEqual({ status: "mismatch", expectedClosing: 95, statedClosing: 96, currency: "EUR" });
    expect(checkBalances(statement(lines, -10, -15))).toEqual({ status: "ok" });
    expect(checkBalances(statement(lines, null, 95))).toEqual({ status: "absent" });
  });

  it("stays exact where floating point would not (0.1 + 0.2 style sums)", () => {
    const many = Array.from({ length: 1000 }, () => line({ amountMinor: 999_999_999_999 }));
    expect(statementTotals(many).EUR.credits).toBe(999_999_999_999_000);
    expect(checkBalances(statement([line({ amountMinor: 10 }), line({ amountMinor: 20 })], 0, 30)).status).toBe("ok");
  });
});

describe("file hash and line keys", () => {
  it("hashes the bytes with sha256", () => {
    expect(fileHash(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(fileHash(new Uint8Array([1, 2]))).not.toBe(fileHash(new Uint8Array([2, 1])));
  });

  it("uses the bank's reference when there is one", () => {
    expect(lineDedupKeys([line({ bankRef: "B-1" }), line({ bankRef: "B-2" })])).toEqual(["ref:B-1", "ref:B-2"]);
  });

  it("keeps two lines with one repeated bank reference apart", () => {
    expect(lineDedupKeys([line({ bankRef: "B-1" }), line({ bankRef: "B-1", amountMinor: 5 })])).toEqual(["ref:B-1", "ref:B-1#2"]);
  });

  it("hashes content and the position among identical lines, so re-imports give the same keys", () => {
    const a = line();
    const first = lineDedupKeys([a, line({ amountMinor: 5 }), a]);
    expect(new Set(first).size).toBe(3);
    expect(first[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    // An overlapping statement: the same three lines after a new one, at other line numbers.
    const again = lineDedupKeys([line({ remittanceText: "new" }), { ...a, lineNo: 9 }, line({ amountMinor: 5, lineNo: 10 }), { ...a, lineNo: 11 }]);
    expect(again.slice(1)).toEqual(first);
    // A file holding only one of the two identical lines overlaps only the first.
    expect(lineDedupKeys([a])).toEqual([first[0]]);
  });

  it("tells lines apart by date, amount, currency, direction, text and counterparty", () => {
    const base = lineDedupKeys([line()])[0];
    const variants: Partial<StatementLine>[] = [
      { bookingDate: "2024-01-16" },
      { amountMinor: 1001 },
      { currency: "USD" },
      { direction: "debit" },
      { remittanceText: "Invoice 2" },
      { structuredRef: "RF18539007547034" },
      { counterpartyName: "Bob" },
      { counterpartyAccount: "DE02120300000000202051" },
    ];
    for (const v of variants) expect(lineDedupKeys([line(v)])[0]).not.toBe(base);
  });
});
