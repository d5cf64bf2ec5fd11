// Bank statements exported as CSV: decoding, delimiter detection, and reading rows through a CsvMapping.
import { parse } from "csv-parse/sync";
import { CSV_DELIMITERS, type CsvDelimiter, type CsvEncoding, type CsvMapping } from "./csv-mapping";
import { statementAmount, type LineError, type ParseResult, type StatementLine } from "./statement";
import { readDate } from "./text";

/**
 * Valid UTF-8 (with or without BOM) is UTF-8. Otherwise Windows-1251 when Cyrillic dominates: Russian
 * words are runs of high bytes, while Western European text has a high byte here and there ("Müller").
 */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    // not UTF-8: one of the single-byte code pages
  }
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    high++;
    if ((i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.length && bytes[i + 1] >= 0x80)) inRuns++;
  }
  return inRuns * 2 > high ? "windows-1251" : "windows-1252";
}

export function decodeCsv(bytes: Uint8Array, encoding?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  const enc = encoding ?? detectEncoding(bytes);
  // TextDecoder drops a UTF-8 BOM by default; single-byte code pages have none.
  return { text: new TextDecoder(enc).decode(bytes), encoding: enc };
}

/** Counts a character outside double-quoted fields. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** The candidate present on every one of the first lines, most often at its rarest; ";" wins ties. */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 20);
  let best: CsvDelimiter = ";";
  let bestScore = 0;
  for (const d of CSV_DELIMITERS) {
    const score = lines.length === 0 ? 0 : Math.min(...lines.map((l) => countOutsideQuotes(l, d)));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export type CsvRow = { lineNo: number; cells: string[] };

/**
 * The file as rows of cells with their line numbers, for the mapping step's preview and for parsing.
 * Throws csv-parse's CsvError on a file it cannot read at all (parseCsv turns that into an error).
 */
export function readCsvRows(
  bytes: Uint8Array,
  options: { encoding?: CsvEncoding; delimiter?: CsvDelimiter } = {},
): { encoding: CsvEncoding; delimiter: CsvDelimiter; rows: CsvRow[] } {
  const { text, encoding } = decodeCsv(bytes, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  // csv-parse's types do not follow the `info` option: each record comes as { record, info }.
  const records = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const rows = records.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted field may span lines.
    const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return { lineNo: info.lines - inner, cells: record.map((c) => c.trim()) };
  });
  return { encoding, delimiter, rows };
}

/**
 * A human-formatted amount to a signed plain decimal ("-1234.50"), or null. The mark that is not the
 * decimal mark may only group thousands (so "12,50" with a decimal point is refused, not read as 1250).
 */
export function normalizeCsvAmount(cell: string, decimalMark: "." | ","): string | null {
  let s = cell.replace(/[\s\u00a0\u202f'’]/g, "").replace(/\u2212/g, "-");
  let negative = false;
  if (/^\(.*\)$/.test(s)) [s, negative] = [s.slice(1, -1), true];
  if (s.startsWith("-") || s.startsWith("+")) [s, negative] = [s.slice(1), negative || s[0] === "-"];
  else if (s.endsWith("-")) [s, negative] = [s.slice(0, -1), true];
  const group = decimalMark === "." ? "," : ".";
  const esc = (c: string) => (c === "." ? "\\." : c);
  const re = new RegExp(`^(\\d{1,3}(?:${esc(group)}\\d{3})+|\\d+)(?:${esc(decimalMark)}(\\d+))?$`);
  const m = re.exec(s);
  if (!m) return null;
  const int = m[1].split(group).join("");
  return `${negative ? "-" : ""}${int}${m[2] !== undefined ? `.${m[2]}` : ""}`;
}

type Amount = { minor: number; direction: "credit" | "debit" } | { problem: string };

function signedAmount(cell: string, mapping: CsvMapping, currency: string): Amount | null {
  if (cell === "") return null;
  const plain = normalizeCsvAmount(cell, mapping.decimalMark);
  if (plain === null) return { problem: `the amount ${JSON.stringify(cell)} is not readable` };
  const r = statementAmount(plain, currency);
  if (!r.ok) return { problem: r.problem.replace(JSON.stringify(plain), JSON.stringify(cell)) };
  return { minor: Math.abs(r.minor), direction: r.minor < 0 ? "debit" : "credit" };
}

function amountOf(cells: string[], mapping: CsvMapping, currency: string): Amount {
  const cell = (i: number) => cells[i] ?? "";
  if (mapping.amount.kind === "signed") {
    return signedAmount(cell(mapping.amount.column), mapping, currency) ?? { problem: "the amount is missing" };
  }
  const isZero = (c: string) => c === "" || /^[-+]?[0\s.,]*$/.test(c);
  const credit = cell(mapping.amount.creditColumn);
  const debit = cell(mapping.amount.debitColumn);
  // Banks fill the unused column with "0,00" or leave it empty.
  if (!isZero(credit) && !isZero(debit)) return { problem: "both the credit and the debit column hold an amount" };
  if (isZero(credit) && isZero(debit)) {
    return { problem: credit === "" && debit === "" ? "the amount is missing" : `the amount ${JSON.stringify(credit || debit)} is zero` };
  }
  const a = signedAmount(isZero(credit) ? debit : credit, mapping, currency);
  if (a === null || "problem" in a) return a ?? { problem: "the amount is missing" };
  return { minor: a.minor, direction: isZero(credit) ? "debit" : "credit" };
}

function rowLine(row: CsvRow, mapping: CsvMapping): StatementLine | string {
  const cell = (i: number | null) => (i === null ? null : row.cells[i] || null);
  const currency = mapping.currency.kind === "fixed" ? mapping.currency.code : (cell(mapping.currency.column) ?? "").toUpperCase();
  const date = readDate(cell(mapping.dateColumn) ?? "", mapping.dateFormat);
  if (date === null) return `the date ${JSON.stringify(cell(mapping.dateColumn) ?? "")} is not a ${mapping.dateFormat} date`;
  const amount = amountOf(row.cells, mapping, currency);
  if ("problem" in amount) return amount.problem;
  return {
    lineNo: row.lineNo,
    position: `line ${row.lineNo}`,
    amountMinor: amount.minor,
    currency,
    direction: amount.direction,
    reversal: false,
    bookingDate: date,
    valueDate: null,
    bankRef: cell(mapping.bankIdColumn),
    endToEndId: null,
    structuredRef: null,
    remittanceText: cell(mapping.referenceColumn),
    counterpartyName: cell(mapping.nameColumn),
    counterpartyAccount: cell(mapping.accountColumn),
    instructedAmount: null,
  };
}

/** Parses a CSV export through a confirmed mapping: every line, or every line's error (nothing partial). */
export function parseCsv(bytes: Uint8Array, mapping: CsvMapping): ParseResult {
  let rows: CsvRow[];
  try {
    rows = readCsvRows(bytes, { encoding: mapping.encoding, delimiter: mapping.delimiter }).rows;
  } catch (e) {
    // csv-parse stops at what it cannot read at all, such as a quote that never closes.
    const lineNo = typeof (e as { lines?: unknown }).lines === "number" ? (e as { lines: number }).lines : 0;
    return { ok: false, errors: [{ lineNo, message: `The file is not readable as CSV: ${(e as Error).message}` }] };
  }
  const lines: StatementLine[] = [];
  const errors: LineError[] = [];
  for (const row of mapping.hasHeader ? rows.slice(1) : rows) {
    if (row.cells.every((c) => c === "")) continue;
    const result = rowLine(row, mapping);
    if (typeof result === "string") errors.push({ lineNo: row.lineNo, message: `Line ${row.lineNo}: ${result}.` });
    else lines.push(result);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (lines.length === 0) return { ok: false, errors: [{ lineNo: 0, message: "The file holds no statement lines." }] };
  const currencies = new Set(lines.map((l) => l.currency));
  return {
    ok: true,
    statements: [
      {
        format: "csv",
        account: null,
        currency: currencies.size === 1 ? [...currencies][0] : null,
        statementId: null,
        openingBalance: null,
        closingBalance: null,
        lines,
      },
    ],
  };
}
