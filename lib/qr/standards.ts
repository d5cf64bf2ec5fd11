// The QR payload standards a payment method can use, what each is called and which account details it needs.

export const QR_STANDARDS = ["epc", "st00012", "upi", "bip21"] as const;
export type QrStandard = (typeof QR_STANDARDS)[number];

export type QrFields = Record<string, string>;
export type QrFieldError = { field: string; message: string };

export type QrBuildInput = {
  standard: QrStandard;
  fields: QrFields;
  amountMinor: number;
  currency: string;
  reference: string;
  purpose?: string;
};

export type QrBuildResult = { ok: true; payload: string } | { ok: false; error: string };

export const QR_STANDARD_INFO: Record<QrStandard, { label: string; currencies: string[] | null }> = {
  epc: { label: "EPC QR (GiroCode, SEPA)", currencies: ["EUR"] },
  st00012: { label: "ST00012 (Russian bank payment QR)", currencies: ["RUB"] },
  upi: { label: "UPI", currencies: ["INR"] },
  // null = any: the BIP21 URI carries no amount (see buildBip21Payload), so the invoice currency
  // does not constrain it.
  bip21: { label: "BIP21 (Bitcoin)", currencies: null },
};

export const QR_FIELD_LABELS: Record<
  QrStandard,
  { key: string; label: string; hint?: string; required: boolean }[]
> = {
  epc: [
    { key: "name", label: "Account holder", hint: "As your bank has it, at most 70 characters.", required: true },
    { key: "iban", label: "IBAN", hint: "Like DE89 3704 0044 0532 0130 00.", required: true },
    { key: "bic", label: "BIC", hint: "8 or 11 characters, like COBADEFFXXX. Optional for IBANs from the EEA.", required: false },
  ],
  st00012: [
    { key: "name", label: "Recipient name", hint: "Company or person as the bank has it, at most 160 characters.", required: true },
    { key: "personalAcc", label: "Account number (расчётный счёт)", hint: "20 digits.", required: true },
    { key: "bankName", label: "Bank name", hint: "At most 45 characters.", required: true },
    { key: "bic", label: "BIC (БИК)", hint: "9 digits.", required: true },
    { key: "correspAcc", label: "Correspondent account (корр. счёт)", hint: "20 digits, usually starting 30101.", required: true },
  ],
  upi: [
    { key: "pa", label: "UPI ID", hint: "Like shop@okaxis.", required: true },
    { key: "pn", label: "Payee name", hint: "Shown to the payer in their UPI app.", required: true },
  ],
  bip21: [
    { key: "address", label: "Bitcoin address", hint: "Starts with 1, 3 or bc1.", required: true },
    { key: "label", label: "Label", hint: "Optional name shown in the payer's wallet.", required: false },
  ],
};

export function isQrStandard(s: string): s is QrStandard {
  return (QR_STANDARDS as readonly string[]).includes(s);
}
