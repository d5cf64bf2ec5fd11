// The CSV column mapping a person confirms once per bank account, and a first guess at it from the header row.
import { z } from "zod";
import { isCurrency } from "../money";
import { DATE_FORMATS, readDate, type DateFormat } from "./text";

export { DATE_FORMATS, type DateFormat };

export const CSV_ENCODINGS = ["utf-8", "windows-1251", "windows-1252"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const CSV_DELIMITERS = [";", ",", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Zero-based column index. */
const Column = z.number().int().min(0).max(500);

export const CsvMappingSchema = z.object({
  /** Left out, the encoding and delimiter are detected from the file each time. */
  encoding: z.enum(CSV_ENCODINGS).optional(),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  hasHeader: z.boolean(),
  dateColumn: Column,
  dateFormat: z.enum(DATE_FORMATS),
  amount: z.discriminatedUnion("kind", [
    /** One column; negative amounts are debits. */
    z.object({ kind: z.literal("signed"), column: Column }),
    /** Money in and money out in separate columns. */
    z.object({ kind: z.literal("split"), creditColumn: Column, debitColumn: Column }),
  ]),
  currency: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("column"), column: Column }),
    z.object({ kind: z.literal("fixed"), code: z.string().refine(isCurrency, "Unknown currency") }),
  ]),
  /** "." for 1,234.56; "," for 1.234,56. Spaces, no-break spaces and apostrophes may group thousands either way. */
  decimalMark: z.enum([".", ","]),
  referenceColumn: Column.nullable(),
  nameColumn: Column.nullable(),
  accountColumn: Column.nullable(),
  bankIdColumn: Column.nullable(),
});
export type CsvMapping = z.infer<typeof CsvMappingSchema>;

/** Header names banks use, lower case; whole-name matches beat partial ones, earlier entries beat later. */
const HEADER_NAMES = {
  date: ["booking date", "transaction date", "date", "buchungstag", "buchungsdatum", "datum", "дата проводки", "дата операции", "дата платежа", "дата"],
  credit: ["credit", "paid in", "money in", "credit amount", "haben", "приход", "поступление", "зачисление", "кредит", "сумма по кредиту"],
  debit: ["debit", "paid out", "money out", "debit amount", "soll", "расход", "списание", "дебет", "сумма по дебету"],
  amount: ["amount", "betrag", "umsatz", "сумма операции", "сумма", "amount (eur)"],
  currency: ["currency", "ccy", "währung", "валюта"],
  reference: ["payment reference", "reference", "description", "details", "memo", "purpose", "verwendungszweck", "назначение платежа", "назначение", "описание", "комментарий"],
  name: ["payer name", "payer", "counterparty", "counterparty name", "sender", "name", "auftraggeber", "zahlungspflichtiger", "плательщик", "наименование плательщика", "контрагент", "отправитель"],
  account: ["payer account", "counterparty account", "iban", "account number", "account", "kontonummer", "счет плательщика", "счёт плательщика", "счет контрагента", "счет", "счёт"],
  bankId: ["transaction id", "bank reference", "transaction reference", "id", "номер документа", "№ документа", "номер операции", "№"],
} as const;
type Field = keyof typeof HEADER_NAMES;

function normalizeHeader(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, " ");
}

function findColumn(headers: string[], names: readonly string[], taken: Set<number>): number | null {
  for (const exact of [true, false]) {
    for (const name of names) {
      // Short names ("id", "№", "ccy") only as a whole header: "id" is inside "paid in".
      if (!exact && name.length < 4) continue;
      const i = headers.findIndex((h, idx) => !taken.has(idx) && (exact ? h === name : h.includes(name)));
      if (i >= 0) return i;
    }
  }
  return null;
}

function assignColumns(headerRow: string[]): Record<Field, number | null> {
  const headers = headerRow.map(normalizeHeader);
  const taken = new Set<number>();
  const out = {} as Record<Field, number | null>;
  // Specific fields first, so "Сумма по кредиту" is a credit column before "сумма" could claim it.
  const order: Field[] = ["date", "credit", "debit", "amount", "currency", "reference", "account", "name", "bankId"];
  for (const field of order) {
    const col = findColumn(headers, HEADER_NAMES[field], taken);
    out[field] = col;
    if (col !== null) taken.add(col);
  }
  return out;
}

/** The first date format that reads every sample; DD/MM before MM/DD, as most banks outside the US write it. */
export function guessDateFormat(samples: string[]): DateFormat {
  const values = samples.map((s) => s.trim()).filter((s) => s !== "");
  return DATE_FORMATS.find((f) => values.length > 0 && values.every((v) => readDate(v, f) !== null)) ?? "YYYY-MM-DD";
}

/** "," when amounts end in a comma and one or two digits ("1.234,50", "12,5"), else ".". */
export function guessDecimalMark(samples: string[]): "." | "," {
  let comma = 0;
  let point = 0;
  for (const s of samples) {
    if (/,\d{1,2}\s*-?$/.test(s.trim())) comma++;
    else if (/\.\d{1,2}\s*-?$/.test(s.trim())) point++;
  }
  return comma > point ? "," : ".";
}

/**
 * A proposed mapping from the header row's names (English, German, Russian) and sample rows, for a
 * person to confirm. Null when no date or amount column can be found.
 */
export function guessMapping(
  headerRow: string[],
  sampleRows: string[][],
  options: { fallbackCurrency: string },
): CsvMapping | null {
  const c = assignColumns(headerRow);
  if (c.date === null) return null;
  const amount: CsvMapping["amount"] | null =
    c.credit !== null && c.debit !== null
      ? { kind: "split", creditColumn: c.credit, debitColumn: c.debit }
      : c.amount !== null
        ? { kind: "signed", column: c.amount }
        : null;
  if (amount === null) return null;
  const amountCols = amount.kind === "split" ? [amount.creditColumn, amount.debitColumn] : [amount.column];
  const col = (i: number) => sampleRows.map((r) => r[i] ?? "");
  return {
    hasHeader: true,
    dateColumn: c.date,
    dateFormat: guessDateFormat(col(c.date)),
    amount,
    currency: c.currency !== null ? { kind: "column", column: c.currency } : { kind: "fixed", code: options.fallbackCurrency },
    decimalMark: guessDecimalMark(amountCols.flatMap(col)),
    referenceColumn: c.reference,
    nameColumn: c.name,
    accountColumn: c.account,
    bankIdColumn: c.bankId,
  };
}
