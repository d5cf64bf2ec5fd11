// What a payment method is (its kind) and whether it asks the payer for a receipt.

export const METHOD_KINDS = ["bank_transfer", "card_transfer", "e_wallet", "cash", "crypto", "other"] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];

export const RECEIPT_MODES = ["off", "optional", "required"] as const;
export type ReceiptMode = (typeof RECEIPT_MODES)[number];

/** One labelled line of a method's account details, as the payer sees it. */
export type MethodDetail = { label: string; value: string };
