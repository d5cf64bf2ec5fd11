import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCamt } from "./camt";
import { findReference } from "./reference-search";
import { checkBalances, statementTotals, type ParsedStatement, type ParseResult } from "./statement";

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, "fixtures", name)));

function only(result: ParseResult): ParsedStatement {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.statements).toHaveLength(1);
  return result.statements[0];
}

function errors(result: ParseResult) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

/** A minimal camt.053 with the given entries, for the edge cases. */
function camt(entries: string, ns = "camt.053.001.02"): string {
  return `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:${ns}"><BkToCstmrStmt><Stmt><Id>S1</Id>
<Acct><Id><Othr><Id>40702810900000012345</Id></Othr></Id><Ccy>RUB</Ccy></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}

const entry = (amt: string, extra = "") =>
  `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-01-02</Dt></BookgDt>${extra}</Ntry>`;

describe("camt.053 version 2", () => {
  const s = only(parseCamt(fixture("camt053-v2.xml")));

  it("reads the account, statement id and balances", () => {
    expect(s.format).toBe("camt.053");
    expect(s.account).toBe("DE89370400440532013000");
    expect(s.currency).toBe("EUR");
    expect(s.statementId).toBe("2024-01-15-EUR-001");
    expect(s.openingBalance).toEqual({ amountMinor: 100000, currency: "EUR", date: "2024-01-15" });
    expect(s.closingBalance).toEqual({ amountMinor: 139740, currency: "EUR", date: "2024-01-15" });
    expect(checkBalances(s)).toEqual({ status: "ok" });
  });

  it("gives one line per transaction of a batch entry, each with its own amount, and skips pending entries", () => {
    expect(s.lines.map((l) => [l.position, l.amountMinor, l.direction])).toEqual([
      ["entry 1", 4990, "credit"],
      ["entry 2, transaction 1", 10000, "credit"],
      ["entry 2, transaction 2", 15000, "credit"],
      ["entry 2, transaction 3", 5000, "credit"],
      ["entry 3", 2500, "debit"],
      ["entry 4", 2000, "debit"],
      ["entry 5", 9250, "credit"],
    ]);
    expect(statementTotals(s.lines)).toEqual({ EUR: { credits: 44240, debits: 4500, creditCount: 5, debitCount: 2 } });
  });

  it("reads references, parties and dates of a single-transaction entry", () => {
    expect(s.lines[0]).toMatchObject({
      bookingDate: "2024-01-15",
      valueDate: "2024-01-15",
      bankRef: "2024011500001",
      endToEndId: null, // NOTPROVIDED is the bank's way of saying there is none
      structuredRef: "RF57PSZQY9GX",
      remittanceText: null,
      counterpartyName: "Müller & Söhne",
      counterpartyAccount: "DE02120300000000202051",
      reversal: false,
      instructedAmount: null,
    });
  });

  it("reads each batch transaction's own references and joins several Ustrd with a space", () => {
    expect(s.lines[1]).toMatchObject({ bankRef: "2024011500002-1", endToEndId: "8G1XJWX5", counterpartyName: "Anna Schmidt", valueDate: "2024-01-16" });
    expect(s.lines[2]).toMatchObject({ remittanceText: "Order 42 payment ref 16we-7ydb thanks", counterpartyName: "Jean Dupont" });
    expect(s.lines[3].counterpartyName).toBe("Jan Kowalski");
  });

  it("reads a debit's payee as the counterparty and a reversal's flag and entry text", () => {
    expect(s.lines[4]).toMatchObject({ counterpartyName: "Office Landlord AG", counterpartyAccount: "DE75512108001245126199", endToEndId: "RENT-2024-01" });
    expect(s.lines[5]).toMatchObject({ reversal: true, direction: "debit", remittanceText: "Return of credit EH8AJ1MA, account closed" });
  });

  it("falls back to the entry amount for one transaction without its own, and keeps the instructed foreign amount", () => {
    expect(s.lines[6]).toMatchObject({
      amountMinor: 9250,
      currency: "EUR",
      valueDate: "2024-01-17",
      instructedAmount: { amountMinor: 10000, currency: "USD" },
      counterpartyAccount: "026009593-123456789",
    });
  });

  it("gives each line the XML line it starts on", () => {
    const xml = readFileSync(join(__dirname, "fixtures", "camt053-v2.xml"), "utf8").split("\n");
    for (const line of s.lines) expect(xml[line.lineNo - 1]).toMatch(/<(Ntry|TxDtls)>/);
  });
});

describe("camt.053 version 8 and camt.054", () => {
  it("reads Sts/Cd, DtTm dates, TxDtls/Amt with its own CdtDbtInd and Dbtr/Pty/Nm", () => {
    const s = only(parseCamt(fixture("camt053-v8.xml")));
    expect(s).toMatchObject({ account: "CH9300762011623852957", currency: "CHF", statementId: "CH-2024-061" });
    expect(s.openingBalance).toEqual({ amountMinor: -15000, currency: "CHF", date: "2024-02-29" });
    expect(checkBalances(s)).toEqual({ status: "ok" });
    expect(s.lines).toHaveLength(2);
    expect(s.lines[0]).toMatchObject({
      amountMinor: 120000,
      bookingDate: "2024-03-01",
      endToEndId: "e2e-4TBE-JNJV",
      counterpartyName: "Zoë Brändli",
      bankRef: "ZKB-0301-77/1",
    });
    expect(s.lines[1]).toMatchObject({
      amountMinor: 80025,
      bankRef: "ZKB-0301-77/2",
      structuredRef: "RF98 HAT4 SK1J",
      remittanceText: "Оплата по счёту",
      counterpartyName: "Ёлкин Пётр",
      endToEndId: null,
    });
  });

  it("reads a camt.054 notification", () => {
    const s = only(parseCamt(fixture("camt054-v8.xml")));
    expect(s).toMatchObject({ format: "camt.054", account: "AT611904300234573201", openingBalance: null });
    expect(checkBalances(s)).toEqual({ status: "absent" });
    expect(s.lines).toEqual([
      expect.objectContaining({ amountMinor: 123456, endToEndId: "EH8AJ1MA", counterpartyName: "Österreich Handel KG", remittanceText: "Rechnung 2024-117" }),
    ]);
  });

  it("finds the Document inside an envelope with a business application header", () => {
    const wrapped = camt(entry("3.00")).replace(/<Document /, "<Envelope><AppHdr><BizMsgIdr>1</BizMsgIdr></AppHdr><Document ").concat("</Envelope>");
    expect(only(parseCamt(wrapped)).lines[0].amountMinor).toBe(300);
  });

  it("reads the newest namespace the same way", () => {
    const s = only(parseCamt(camt(entry("1.5"), "camt.053.001.13")));
    expect(s.lines[0]).toMatchObject({ amountMinor: 150, currency: "EUR" });
    expect(s.account).toBe("40702810900000012345");
  });
});

describe("camt refusals", () => {
  it("refuses a zero or unreadable amount naming the entry and its line, and returns no lines", () => {
    const errs = errors(parseCamt(camt(`${entry("10.00")}\n${entry("0.00")}\n${entry("12,50")}\n${entry("1.001")}`)));
    expect(errs.map((e) => e.message)).toEqual([
      'Entry 2 (line 5): the amount "0.00" is zero.',
      'Entry 3 (line 6): the amount "12,50" is not readable.',
      'Entry 4 (line 7): the amount "1.001" has more decimals than EUR allows.',
    ]);
    expect(errs.map((e) => e.lineNo)).toEqual([5, 6, 7]);
  });

  it("refuses a batch transaction without its own amount", () => {
    const batch = entry("30.00", "<NtryDtls><TxDtls><Amt Ccy=\"EUR\">10.00</Amt></TxDtls>\n<TxDtls><Refs><EndToEndId>X</EndToEndId></Refs></TxDtls></NtryDtls>");
    expect(errors(parseCamt(camt(batch)))[0].message).toBe("Entry 1, transaction 2 (line 5): the amount is missing.");
  });

  it("refuses an entry with no date or a bad direction", () => {
    const noDate = `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>`;
    const badDir = `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>X</CdtDbtInd><BookgDt><Dt>2024-01-02</Dt></BookgDt></Ntry>`;
    expect(errors(parseCamt(camt(noDate)))[0].message).toMatch(/no booking or value date/);
    expect(errors(parseCamt(camt(badDir)))[0].message).toMatch(/neither CRDT nor DBIT/);
  });

  it("uses the value date when there is no booking date, and ignores an impossible date", () => {
    const valOnly = `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2024-02-29</Dt></ValDt></Ntry>`;
    expect(only(parseCamt(camt(valOnly))).lines[0].bookingDate).toBe("2024-02-29");
    const impossible = `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2023-02-29</Dt></BookgDt></Ntry>`;
    expect(errors(parseCamt(camt(impossible)))).toHaveLength(1);
  });

  it("refuses a DOCTYPE and never expands its entities", () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>${camt(entry("1.00", "<AddtlNtryInf>&x;</AddtlNtryInf>")).replace(/^<\?xml[^>]*>/, "")}`;
    expect(errors(parseCamt(evil))[0].message).toMatch(/DOCTYPE/);
  });

  it("decodes the predefined XML escapes once, leaving unknown entities as written", () => {
    const s = only(parseCamt(camt(entry("1.00", "<AddtlNtryInf>A &amp;lt; B &#x41;&#66; &foo;</AddtlNtryInf>"))));
    expect(s.lines[0].remittanceText).toBe("A &lt; B AB &foo;");
  });

  it("refuses other XML, broken XML and non-UTF-8 bytes", () => {
    expect(errors(parseCamt("<Document><pain.001/></Document>"))[0].message).toMatch(/not a camt/);
    expect(errors(parseCamt("not xml at all"))[0].lineNo).toBe(0);
    expect(errors(parseCamt(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e])))[0].message).toMatch(/UTF-8/);
  });

  it("prefers OPBD to PRCD as the opening balance, and refuses an unreadable balance", () => {
    const bal = (code: string, amt: string) =>
      `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>`;
    const s = only(parseCamt(camt(`${bal("PRCD", "5.00")}${bal("OPBD", "0.00")}${bal("CLBD", "1.00")}${entry("1.00")}`)));
    expect([s.openingBalance?.amountMinor, s.closingBalance?.amountMinor]).toEqual([0, 100]);
    expect(checkBalances(s)).toEqual({ status: "ok" });
    expect(errors(parseCamt(camt(`${bal("CLBD", "1,00")}${entry("1.00")}`)))[0].message).toMatch(/^The balance at line \d+ is not readable\.$/);
  });

  it("reads several statements of one file, numbering entries through the file", () => {
    const two = camt(entry("1.00")).replace("</Stmt>", `</Stmt><Stmt><Id>S2</Id>${entry("2.00")}</Stmt>`);
    const r = parseCamt(two);
    if (!r.ok) throw new Error("expected ok");
    expect(r.statements.map((s) => [s.statementId, s.lines[0].position, s.lines[0].amountMinor])).toEqual([
      ["S1", "entry 1", 100],
      ["S2", "entry 2", 200],
    ]);
  });
});

describe("references in the fixtures", () => {
  it("finds each line's reference in the field it was written in", () => {
    const refs = (name: string) => only(parseCamt(fixture(name))).lines.map((l) => findReference(l));
    expect(refs("camt053-v2.xml").map((h) => h && [h.reference, h.field, h.form])).toEqual([
      ["PSZQY9GX", "structured", "rf"],
      ["8G1XJWX5", "end_to_end", "plain"],
      ["16WE7YDB", "text", "plain"],
      null,
      ["HAT4SK1J", "text", "plain"], // found on a debit line: the matcher skips it
      ["EH8AJ1MA", "text", "plain"], // the reversal's text
      ["C594VWEY", "text", "plain"],
    ]);
    expect(refs("camt053-v8.xml").map((h) => h && [h.reference, h.field, h.form])).toEqual([
      ["4TBEJNJV", "end_to_end", "plain"],
      ["HAT4SK1J", "structured", "rf"],
    ]);
    expect(refs("camt054-v8.xml").map((h) => h && [h.reference, h.field])).toEqual([["EH8AJ1MA", "end_to_end"]]);
  });
});
