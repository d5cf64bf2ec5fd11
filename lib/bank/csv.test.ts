import { describe, expect, it } from "vitest";
import { decodeCsv, detectDelimiter, detectEncoding, normalizeCsvAmount, parseCsv, readCsvRows } from "./csv";
import { CsvMappingSchema, guessMapping, type CsvMapping } from "./csv-mapping";
import type { ParseResult } from "./statement";
import { readDate } from "./text";

/** Windows-1251 bytes built by hand: А–я are 0xC0–0xFF, Ё 0xA8, ё 0xB8, № 0xB9; ASCII as is. */
function cp1251(text: string): Uint8Array {
  return new Uint8Array(
    Array.from(text, (ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, "№": 0xb9 };
      if (ch in special) return special[ch];
      throw new Error(`no cp1251 byte for ${ch}`);
    }),
  );
}

/** Windows-1252 for Latin-1 letters: the code point is the byte. */
function cp1252(text: string): Uint8Array {
  return new Uint8Array(Array.from(text, (ch) => ch.codePointAt(0)!));
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function lines(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.statements[0].lines;
}

const base: CsvMapping = {
  hasHeader: true,
  dateColumn: 0,
  dateFormat: "YYYY-MM-DD",
  amount: { kind: "signed", column: 1 },
  currency: { kind: "fixed", code: "EUR" },
  decimalMark: ".",
  referenceColumn: 2,
  nameColumn: 3,
  accountColumn: null,
  bankIdColumn: null,
};

describe("decoding", () => {
  it("detects UTF-8 with and without BOM, dropping the BOM", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Дата;Сумма")]);
    expect(detectEncoding(withBom)).toBe("utf-8");
    expect(decodeCsv(withBom).text).toBe("Дата;Сумма");
    expect(decodeCsv(utf8("Müller")).text).toBe("Müller");
  });

  it("tells Windows-1251 Russian from Windows-1252 Western text", () => {
    expect(detectEncoding(cp1251("Дата;Сумма;Назначение платежа\n15.01.2024;100,00;Оплата"))).toBe("windows-1251");
    expect(decodeCsv(cp1251("Плательщик: Ёлкин № 5")).text).toBe("Плательщик: Ёлкин № 5");
    const western = cp1252("Date;Amount;Name\n2024-01-15;10.00;Müller Société Générale Ærø");
    expect(detectEncoding(western)).toBe("windows-1252");
    expect(decodeCsv(western).text).toContain("Müller Société Générale Ærø");
  });

  it("honours an explicit encoding", () => {
    expect(decodeCsv(cp1252("é"), "windows-1251").text).toBe("й");
  });
});

describe("delimiters, dates and amounts", () => {
  it("detects ; , and tab, not fooled by decimal commas or quoted commas", () => {
    expect(detectDelimiter("a;b;c\n2024-01-01;1,50;x, y\n")).toBe(";");
    expect(detectDelimiter('a,b,c\n2024-01-01,1.50,"x; y"\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc\n1\t2,5\t3\n")).toBe("\t");
  });

  it("reads every date format into YYYY-MM-DD and refuses impossible dates", () => {
    expect(readDate("2024-01-15", "YYYY-MM-DD")).toBe("2024-01-15");
    expect(readDate("2024-01-15T10:00:00", "YYYY-MM-DD")).toBe("2024-01-15");
    expect(readDate("15.01.2024", "DD.MM.YYYY")).toBe("2024-01-15");
    expect(readDate("15.01.2024 12:30", "DD.MM.YYYY")).toBe("2024-01-15");
    expect(readDate("15/01/2024", "DD/MM/YYYY")).toBe("2024-01-15");
    expect(readDate("01/15/2024", "MM/DD/YYYY")).toBe("2024-01-15");
    expect(readDate("20240115", "YYYYMMDD")).toBe("2024-01-15");
    expect(readDate("15.01.24", "DD.MM.YY")).toBe("2024-01-15");
    expect(readDate("01/15/2024", "DD/MM/YYYY")).toBeNull();
    expect(readDate("31.04.2024", "DD.MM.YYYY")).toBeNull();
    expect(readDate("29.02.2023", "DD.MM.YYYY")).toBeNull();
    expect(readDate("2024-01-15", "DD.MM.YYYY")).toBeNull();
  });

  it("reads amounts in both decimal styles with any thousands grouping", () => {
    expect(normalizeCsvAmount("1,234.56", ".")).toBe("1234.56");
    expect(normalizeCsvAmount("1.234,56", ",")).toBe("1234.56");
    expect(normalizeCsvAmount("1 234,56", ",")).toBe("1234.56");
    expect(normalizeCsvAmount("1\u00a0234\u00a0567,5", ",")).toBe("1234567.5");
    expect(normalizeCsvAmount("1'234.50", ".")).toBe("1234.50");
    expect(normalizeCsvAmount("-12,00", ",")).toBe("-12.00");
    expect(normalizeCsvAmount("12,00-", ",")).toBe("-12.00");
    expect(normalizeCsvAmount("(12.00)", ".")).toBe("-12.00");
    expect(normalizeCsvAmount("\u221212.00", ".")).toBe("-12.00");
  });

  it("refuses the other style instead of misreading it a hundred times too big", () => {
    expect(normalizeCsvAmount("12,50", ".")).toBeNull();
    expect(normalizeCsvAmount("1.2345,00", ",")).toBeNull();
    expect(normalizeCsvAmount("12.5.0", ".")).toBeNull();
    expect(normalizeCsvAmount("EUR 12", ".")).toBeNull();
  });
});

describe("parseCsv", () => {
  it("parses a signed amount column with decimal points into lines with their line numbers", () => {
    const csv = 'Date,Amount,Reference,Payer\n2024-01-15,"1,049.90",Order ABCD,Anna Schmidt\n\n2024-01-16,-25.00,Fee,Bank\n';
    const got = lines(parseCsv(utf8(csv), { ...base, delimiter: "," }));
    expect(got.map((l) => [l.lineNo, l.position, l.bookingDate, l.amountMinor, l.direction, l.remittanceText, l.counterpartyName])).toEqual([
      [2, "line 2", "2024-01-15", 104990, "credit", "Order ABCD", "Anna Schmidt"],
      [4, "line 4", "2024-01-16", 2500, "debit", "Fee", "Bank"],
    ]);
  });

  it("parses credit and debit columns with decimal commas, a currency column and the bank's id", () => {
    const csv = "Buchungstag;Haben;Soll;Währung;Verwendungszweck;ID\n15.01.2024;1.234,50;;EUR;Rechnung 7;T-1\n16.01.2024;0,00;-99,90;usd;Miete;T-2\n";
    const mapping: CsvMapping = {
      ...base,
      dateFormat: "DD.MM.YYYY",
      amount: { kind: "split", creditColumn: 1, debitColumn: 2 },
      currency: { kind: "column", column: 3 },
      decimalMark: ",",
      referenceColumn: 4,
      nameColumn: null,
      bankIdColumn: 5,
    };
    expect(lines(parseCsv(utf8(csv), mapping)).map((l) => [l.amountMinor, l.currency, l.direction, l.bankRef])).toEqual([
      [123450, "EUR", "credit", "T-1"],
      [9990, "USD", "debit", "T-2"],
    ]);
  });

  it("parses a Windows-1251 export from a Russian bank", () => {
    const csv = "Дата;Приход;Расход;Назначение платежа;Плательщик;Счет\n15.01.2024;5 000,00;;Оплата по счёту ABCD-1234;ООО «Ромашка»;40702810900000012345\n";
    const bytes = cp1251(csv.replace("«", '"').replace("»", '"'));
    const { rows, encoding, delimiter } = readCsvRows(bytes);
    expect([encoding, delimiter]).toEqual(["windows-1251", ";"]);
    const mapping = guessMapping(rows[0].cells, rows.slice(1).map((r) => r.cells), { fallbackCurrency: "RUB" });
    expect(mapping).toMatchObject({ dateFormat: "DD.MM.YYYY", decimalMark: ",", amount: { kind: "split", creditColumn: 1, debitColumn: 2 } });
    const [line] = lines(parseCsv(bytes, mapping!));
    expect(line).toMatchObject({
      amountMinor: 500000,
      currency: "RUB",
      remittanceText: "Оплата по счёту ABCD-1234",
      counterpartyName: 'ООО "Ромашка"', // a quote inside an unquoted field is kept as written
      counterpartyAccount: "40702810900000012345",
    });
  });

  it("refuses the file, naming every bad line, when an amount is zero, unreadable or missing", () => {
    const csv = "Date;Amount;Memo;Name\n2024-01-15;10.00;a;b\n2024-01-15;0.00;a;b\n2024-01-15;12,5;a;b\n15.01.2024;1.00;a;b\n2024-01-15;;a;b\n";
    const r = parseCsv(utf8(csv), base);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { lineNo: 3, message: 'Line 3: the amount "0.00" is zero.' },
      { lineNo: 4, message: 'Line 4: the amount "12,5" is not readable.' },
      { lineNo: 5, message: 'Line 5: the date "15.01.2024" is not a YYYY-MM-DD date.' },
      { lineNo: 6, message: "Line 6: the amount is missing." },
    ]);
  });

  it("refuses a split row with both columns filled, and an unknown currency", () => {
    const csv = "d;c;dr\n2024-01-15;1,00;2,00\n";
    const mapping: CsvMapping = { ...base, decimalMark: ",", amount: { kind: "split", creditColumn: 1, debitColumn: 2 }, referenceColumn: null, nameColumn: null };
    expect(parseCsv(utf8(csv), mapping)).toMatchObject({ ok: false, errors: [{ message: "Line 2: both the credit and the debit column hold an amount." }] });
    const btc = parseCsv(utf8("d;a;c\n2024-01-15;1.00;BTC\n"), { ...base, currency: { kind: "column", column: 2 } });
    expect(btc).toMatchObject({ ok: false, errors: [{ message: 'Line 2: "BTC" is not a currency we know.' }] });
  });

  it("reads a file without a header row", () => {
    expect(lines(parseCsv(utf8("2024-01-15;5;x;y\n"), { ...base, hasHeader: false }))).toHaveLength(1);
  });
});

describe("guessMapping", () => {
  it("maps English headers with a signed amount and detects MM/DD when DD/MM cannot read the samples", () => {
    const m = guessMapping(
      ["Transaction Date", "Description", "Amount", "Currency", "Payer Name", "IBAN", "Transaction ID"],
      [["01/31/2024", "Invoice", "1,200.00", "USD", "Bob", "GB29NWBK60161331926819", "X1"]],
      { fallbackCurrency: "EUR" },
    );
    expect(m).toEqual({
      hasHeader: true,
      dateColumn: 0,
      dateFormat: "MM/DD/YYYY",
      amount: { kind: "signed", column: 2 },
      currency: { kind: "column", column: 3 },
      decimalMark: ".",
      referenceColumn: 1,
      nameColumn: 4,
      accountColumn: 5,
      bankIdColumn: 6,
    });
    expect(CsvMappingSchema.parse(m)).toEqual(m);
  });

  it("maps Russian headers and uses the account's currency when the file has none", () => {
    const m = guessMapping(["Дата операции", "Сумма", "Назначение платежа", "Наименование плательщика", "Счет плательщика", "Номер документа"], [["15.01.24", "-1 500,00"]], {
      fallbackCurrency: "RUB",
    });
    expect(m).toMatchObject({
      dateFormat: "DD.MM.YY",
      amount: { kind: "signed", column: 1 },
      currency: { kind: "fixed", code: "RUB" },
      decimalMark: ",",
      referenceColumn: 2,
      nameColumn: 3,
      accountColumn: 4,
      bankIdColumn: 5,
    });
  });

  it("does not read 'id' into 'paid in', and gives up without a date or amount column", () => {
    const m = guessMapping(["Date", "Paid in", "Paid out", "Details"], [["2024-01-15", "5.00", ""]], { fallbackCurrency: "GBP" });
    expect(m).toMatchObject({ amount: { kind: "split", creditColumn: 1, debitColumn: 2 }, bankIdColumn: null, referenceColumn: 3 });
    expect(guessMapping(["Foo", "Amount"], [], { fallbackCurrency: "EUR" })).toBeNull();
    expect(guessMapping(["Date", "Foo"], [], { fallbackCurrency: "EUR" })).toBeNull();
  });

  it("refuses a mapping with an unknown fixed currency", () => {
    expect(CsvMappingSchema.safeParse({ ...base, currency: { kind: "fixed", code: "XXX" } }).success).toBe(false);
  });
});

describe("unreadable CSV", () => {
  it("returns an error instead of throwing on a quote that never closes", () => {
    const r = parseCsv(utf8('Date;Amount;Memo;Name\n2024-01-15;10.00;"open quote;x\n'), base);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/not readable as CSV/);
  });
});
