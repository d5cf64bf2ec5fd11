// The form's starting values: empty for a new method, or an existing method as saved.
import type { PaymentMethod } from "@/db/schema";
import type { MethodFormValues } from "@/lib/method-form";

export const EMPTY_METHOD: MethodFormValues = {
  name: "",
  kind: "bank_transfer",
  enabled: true,
  currencies: "",
  minAmount: "",
  maxAmount: "",
  details: [],
  instructions: "Pay **{{amount}}** and write **{{reference}}** in the payment's comment.",
  requiresTransactionId: false,
  receipt: "optional",
  hoursOpen: "",
  qrStandard: "",
  qrFields: {},
};

export function methodToValues(m: PaymentMethod): MethodFormValues {
  return {
    name: m.name,
    kind: m.kind,
    enabled: m.enabled,
    currencies: m.currencies.join(", "),
    minAmount: m.minAmount ?? "",
    maxAmount: m.maxAmount ?? "",
    details: m.details,
    instructions: m.instructions,
    requiresTransactionId: m.requiresTransactionId,
    receipt: m.receipt,
    hoursOpen: m.hoursOpen ? String(m.hoursOpen) : "",
    qrStandard: m.qrStandard ?? "",
    qrFields: m.qrFields,
    translations: m.translations,
  };
}
