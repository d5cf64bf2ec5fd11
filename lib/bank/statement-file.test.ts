import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CsvMapping } from "./csv-mapping";
import { parseStatementFile, statementFileKind } from "./statement-file";

const utf8 = (s: string) => new TextEncoder().encode(s);
const mapping: CsvMapping = {
  hasHeader: false,
  dateColumn: 0,
  dateFormat: "YYYY-MM-DD",
  amount: { kind: "signed", column: 1 },
  currency: { kind: "fixed", code: "EUR" },
  decimalMark: ".",
  referenceColumn: null,
  nameColumn: null,
  accountColumn: null,
  bankIdColumn: null,
};

describe("statement files", () => {
  it("tells camt XML from CSV, past a BOM and blank lines", () => {
    expect(statementFileKind(utf8('<?xml version="1.0"?><Document/>'))).toBe("camt");
    expect(statementFileKind(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x20, 0x3c]))).toBe("camt");
    expect(statementFileKind(utf8("Date;Amount\n"))).toBe("csv");
    expect(statementFileKind(new Uint8Array([]))).toBe("csv");
  });

  it("parses camt without a mapping, and asks for one for CSV", () => {
    const camt = new Uint8Array(readFileSync(join(__dirname, "fixtures", "camt054-v8.xml")));
    expect(parseStatementFile(camt, null)).toMatchObject({ ok: true, statements: [{ format: "camt.054" }] });
    expect(parseStatementFile(utf8("2024-01-15;5.00\n"), null)).toEqual({ ok: false, needsMapping: true });
    expect(parseStatementFile(utf8("2024-01-15;5.00\n"), mapping)).toMatchObject({ ok: true, statements: [{ format: "csv", lines: [{ amountMinor: 500 }] }] });
  });
});
