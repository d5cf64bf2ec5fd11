// Which payment methods a payer may choose for a given currency and amount.
import { compareMinorToLimit } from "./money";

export type MethodLimits = {
  enabled: boolean;
  archived: boolean;
  currencies: readonly string[];
  minAmount: string | null;
  maxAmount: string | null;
};

export function methodAccepts(method: MethodLimits, currency: string, amountMinor: number): boolean {
  if (!method.enabled || method.archived) return false;
  if (method.currencies.length > 0 && !method.currencies.includes(currency)) return false;
  if (method.minAmount != null && compareMinorToLimit(amountMinor, currency, method.minAmount) < 0) return false;
  if (method.maxAmount != null && compareMinorToLimit(amountMinor, currency, method.maxAmount) > 0) return false;
  return true;
}

/** Keeps the methods that fit, in the admin's display order. */
export function availableMethods<M extends MethodLimits & { position: number; id: number }>(
  methods: readonly M[],
  currency: string,
  amountMinor: number,
): M[] {
  return methods
    .filter((m) => methodAccepts(m, currency, amountMinor))
    .sort((a, b) => a.position - b.position || a.id - b.id);
}
