// The CSV column-mapping step's form: its fields to a CsvMapping and back, one set of rules for page and action.
import { z } from "zod";
import { CSV_DELIMITERS, CSV_ENCODINGS, CsvMappingSchema, DATE_FORMATS, type CsvMapping } from "./csv-mapping";

export type MappingValues = Record<string, string>;

const column = (label: string) => z.string().regex(/^\d{1,3}$/, `Choose the ${label} column.`).transform(Number);
const optionalColumn = z
  .string()
  .regex(/^(\d{1,3})?$/)
  .transform((v) => (v === "" ? null : Number(v)));

export const MappingForm = z
  .object({
    encoding: z.enum(["", ...CSV_ENCODINGS]).default(""),
    delimiter: z.enum(["", ";", ",", "tab"]).default(""),
    hasHeader: z.string().default(""),
    dateColumn: column("date"),
    dateFormat: z.enum(DATE_FORMATS, "Choose how dates are written."),
    amountKind: z.enum(["signed", "split"], "Choose how amounts are given."),
    amountColumn: z.string().default(""),
    creditColumn: z.string().default(""),
    debitColumn: z.string().default(""),
    currencyKind: z.enum(["fixed", "column"]),
    currencyColumn: z.string().default(""),
    currencyCode: z.string().trim().toUpperCase().default(""),
    decimalMark: z.enum([".", ","], "Choose the decimal mark."),
    referenceColumn: optionalColumn,
    nameColumn: optionalColumn,
    accountColumn: optionalColumn,
    bankIdColumn: optionalColumn,
  })
  .transform((v, ctx): CsvMapping => {
    const need = (field: string, raw: string, label: string): number => {
      if (!/^\d{1,3}$/.test(raw)) ctx.addIssue({ code: "custom", path: [field], message: `Choose the ${label} column.` });
      return Number(raw);
    };
    const amount =
      v.amountKind === "signed"
        ? { kind: "signed" as const, column: need("amountColumn", v.amountColumn, "amount") }
        : { kind: "split" as const, creditColumn: need("creditColumn", v.creditColumn, "credit"), debitColumn: need("debitColumn", v.debitColumn, "debit") };
    const currency =
      v.currencyKind === "column" ? { kind: "column" as const, column: need("currencyColumn", v.currencyColumn, "currency") } : { kind: "fixed" as const, code: v.currencyCode };
    const mapping = {
      ...(v.encoding ? { encoding: v.encoding } : {}),
      ...(v.delimiter ? { delimiter: v.delimiter === "tab" ? ("\t" as const) : v.delimiter } : {}),
      hasHeader: v.hasHeader === "on" || v.hasHeader === "true",
      dateColumn: v.dateColumn,
      dateFormat: v.dateFormat,
      amount,
      currency,
      decimalMark: v.decimalMark,
      referenceColumn: v.referenceColumn,
      nameColumn: v.nameColumn,
      accountColumn: v.accountColumn,
      bankIdColumn: v.bankIdColumn,
    };
    const checked = CsvMappingSchema.safeParse(mapping);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        ctx.addIssue({ code: "custom", path: [issue.path[0] === "currency" ? "currencyCode" : String(issue.path[0] ?? "")], message: issue.message });
      }
      return z.NEVER;
    }
    return checked.data;
  });

const s = (n: number | null | undefined) => (n == null ? "" : String(n));

/** A saved or guessed mapping as the form's values. */
export function mappingValues(m: CsvMapping): MappingValues {
  return {
    encoding: m.encoding ?? "",
    delimiter: m.delimiter === "\t" ? "tab" : (m.delimiter ?? ""),
    hasHeader: m.hasHeader ? "on" : "",
    dateColumn: s(m.dateColumn),
    dateFormat: m.dateFormat,
    amountKind: m.amount.kind,
    amountColumn: m.amount.kind === "signed" ? s(m.amount.column) : "",
    creditColumn: m.amount.kind === "split" ? s(m.amount.creditColumn) : "",
    debitColumn: m.amount.kind === "split" ? s(m.amount.debitColumn) : "",
    currencyKind: m.currency.kind,
    currencyColumn: m.currency.kind === "column" ? s(m.currency.column) : "",
    currencyCode: m.currency.kind === "fixed" ? m.currency.code : "",
    decimalMark: m.decimalMark,
    referenceColumn: s(m.referenceColumn),
    nameColumn: s(m.nameColumn),
    accountColumn: s(m.accountColumn),
    bankIdColumn: s(m.bankIdColumn),
  };
}

export { CSV_DELIMITERS, DATE_FORMATS };
