// The bank account form's rules, one set for the page and the server action.
import { z } from "zod";
import { isCurrency, parseAmount } from "../money";
import { ibanMessage } from "../qr/epc";
import { normalizeIban } from "../qr/iban";

/** An IBAN when it starts like one (two letters, two digits), else a domestic account number. */
export function accountNumberProblem(raw: string): string | null {
  const s = raw.trim();
  if (s === "") return "Enter the account number or IBAN.";
  if (/^[A-Za-z]{2}\d{2}/.test(s.replace(/\s+/g, ""))) return ibanMessage(s);
  if (!/^[0-9A-Za-z][0-9A-Za-z \-/]{3,39}$/.test(s)) return "Enter the account number as the bank writes it: 4 to 40 letters, digits, spaces, - or /.";
  return null;
}

export function normalizeAccountNumber(raw: string): string {
  const s = raw.trim();
  return /^[A-Za-z]{2}\d{2}/.test(s.replace(/\s+/g, "")) ? normalizeIban(s) : s.replace(/\s+/g, " ");
}

export const BankAccountForm = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
    currency: z.string().trim().toUpperCase().refine(isCurrency, "Choose a currency."),
    accountNumber: z.string().check(
      z.superRefine((v, ctx) => {
        const problem = accountNumberProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    ),
    methodIds: z
      .array(z.string())
      .default([])
      .transform((ids) => ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)),
    autoApprove: z.string().default("").transform((v) => v === "on" || v === "true"),
    /** In major units, as typed ("0.50"); empty is 0. */
    feeTolerance: z.string().trim().default(""),
  })
  .transform((v, ctx) => {
    let fee = 0;
    if (v.feeTolerance !== "" && !/^0+([.,]0*)?$/.test(v.feeTolerance)) {
      const parsed = parseAmount(v.feeTolerance.replace(",", "."), v.currency);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", path: ["feeTolerance"], message: `Enter an amount in ${v.currency}, like 0.50, or leave it empty.` });
        return z.NEVER;
      }
      fee = parsed.minor;
    }
    return { name: v.name, currency: v.currency, accountNumber: normalizeAccountNumber(v.accountNumber), methodIds: [...new Set(v.methodIds)], autoApprove: v.autoApprove, feeTolerance: fee };
  });
export type BankAccountData = z.output<typeof BankAccountForm>;
