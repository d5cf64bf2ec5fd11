// ST00012 (GOST R 56042-2014, the Russian bank payment QR): the account details it needs and the payload.
import type { QrBuildInput, QrBuildResult, QrFieldError, QrFields } from "./standards";
import { POSITIVE_AMOUNT, checkBuildInput, digitsOnly, fieldText, fitsQr, memo, textError } from "./text";

/**
 * GOST R 56042-2014, table of required details (maximum lengths): Name 160, PersonalAcc 20,
 * BankName 45, BIC 9, CorrespAcc 20. Real accounts are always 20 digits and BICs 9, so we demand
 * exactly that to catch a dropped digit. Additional detail Purpose: 210.
 */
const ST_NAME_MAX = 160;
const ST_BANK_NAME_MAX = 45;
const ST_PURPOSE_MAX = 210;

/**
 * Bank of Russia account control key: weights 7,1,3 repeated over 3 digits taken from the BIC
 * followed by the 20-digit account; the weighted sum must end in 0.
 */
function ruKeyOk(bic: string, account: string, forCorrespondent: boolean): boolean {
  const prefix = forCorrespondent ? "0" + bic.slice(4, 6) : bic.slice(6, 9);
  const digits = prefix + account;
  const weights = [7, 1, 3];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * weights[i % 3];
  return sum % 10 === 0;
}

export function validateSt00012(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  const push = (field: string, message: string | null) => {
    if (message) errors.push({ field, message });
  };

  push("name", textError(fieldText(fields, "name"), "Name", {
    required: true,
    max: ST_NAME_MAX,
    banned: "|",
    emptyMessage: "Enter the recipient's name.",
  }));

  const personalAcc = digitsOnly(fieldText(fields, "personalAcc"));
  const bankName = fieldText(fields, "bankName");
  const bic = digitsOnly(fieldText(fields, "bic"));
  const correspAcc = digitsOnly(fieldText(fields, "correspAcc"));
  const bicOk = /^\d{9}$/.test(bic);
  // The control key is only certain for accounts at commercial banks, whose correspondent account
  // at the Bank of Russia starts 30101. Treasury accounts (40102…) and accounts at the Bank of
  // Russia itself derive the key differently; we do not guess for those.
  const keyApplies = bicOk && /^30101\d{15}$/.test(correspAcc);

  if (!/^\d{20}$/.test(personalAcc)) push("personalAcc", "The account number must be exactly 20 digits.");
  else if (keyApplies && !ruKeyOk(bic, personalAcc, false)) {
    push("personalAcc", "The account number doesn't match the BIC — check both for a typo.");
  }

  push("bankName", textError(bankName, "Bank name", {
    required: true,
    max: ST_BANK_NAME_MAX,
    banned: "|",
    emptyMessage: "Enter the bank's name.",
  }));

  if (!bicOk) push("bic", "The BIC must be exactly 9 digits.");

  if (!/^\d{20}$/.test(correspAcc)) push("correspAcc", "The correspondent account must be exactly 20 digits.");
  else if (keyApplies && !ruKeyOk(bic, correspAcc, true)) {
    push("correspAcc", "The correspondent account doesn't match the BIC — check both for a typo.");
  }
  return errors;
}

/**
 * GOST R 56042-2014 "Standards of financial operations. Two-dimensional barcode symbols for
 * payments by individuals". Header "ST0001" + encoding flag "2" (UTF-8), then "|"-separated
 * Key=Value pairs; the five required details come first and in this order. The standard has no
 * escaping, so "|" inside any value is refused rather than silently altered.
 */
export function buildSt00012Payload(input: QrBuildInput): QrBuildResult {
  const checked = checkBuildInput(input, {
    currency: { code: "RUB", error: "ST00012 QR codes are for RUB payments only." },
    validate: validateSt00012,
    amount: POSITIVE_AMOUNT,
    referenceMax: ST_PURPOSE_MAX,
    // The standard has no escaping.
    banned: "|",
  });
  if (!checked.ok) return checked.result;
  const { reference, purpose } = checked;

  const f = input.fields;
  const parts = [
    "ST00012",
    `Name=${fieldText(f, "name")}`,
    `PersonalAcc=${digitsOnly(fieldText(f, "personalAcc"))}`,
    `BankName=${fieldText(f, "bankName")}`,
    `BIC=${digitsOnly(fieldText(f, "bic"))}`,
    `CorrespAcc=${digitsOnly(fieldText(f, "correspAcc"))}`,
    // Sum is in kopecks, which is exactly our minor unit for RUB.
    `Sum=${input.amountMinor}`,
  ];
  const text = memo(reference, purpose, ST_PURPOSE_MAX);
  if (text !== "") parts.push(`Purpose=${text}`);
  return fitsQr(parts.join("|"));
}
