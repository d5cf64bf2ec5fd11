// BIP21 (Bitcoin URI): the address it needs and the payment link.
import type { QrBuildInput, QrBuildResult, QrFieldError, QrFields } from "./standards";
import { NOTE_MAX, checkBuildInput, fieldText, fitsQr, memo, textError } from "./text";

/** Ours: BIP21 sets no length for a label. */
const BIP21_LABEL_MAX = 70;

const BASE58_ADDRESS_RE = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BECH32_ADDRESS_RE = /^bc1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{11,71}$/;

function bech32Polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk;
}

/**
 * Segwit address check (BIP173 bech32 for version 0, BIP350 bech32m for versions 1–16), since a
 * BCH checksum is a few lines of pure code and catches any typo of up to 4 characters. Legacy
 * base58 addresses only get a shape check: their checksum needs SHA-256, which we keep out of
 * this browser-safe module.
 */
function isValidBech32Address(address: string): boolean {
  if (!BECH32_ADDRESS_RE.test(address)) return false;
  const data = Array.from(address.slice(3), (c) => BECH32_CHARSET.indexOf(c));
  // hrp "bc" expanded: high bits of each char, 0, low bits of each char.
  const checksum = bech32Polymod([3, 3, 0, 2, 3, ...data]);
  const version = data[0];
  if (version > 16) return false;
  if (checksum !== (version === 0 ? 1 : 0x2bc830a3)) return false;
  // The witness program: 5-bit groups between version and checksum, read as whole bytes.
  const bits = (data.length - 7) * 5;
  const bytes = Math.floor(bits / 8);
  if (bits - bytes * 8 >= 5) return false;
  const padBits = bits % 8;
  if (padBits > 0 && (data[data.length - 7] & ((1 << padBits) - 1)) !== 0) return false;
  if (bytes < 2 || bytes > 40) return false;
  return version !== 0 || bytes === 20 || bytes === 32;
}

/** bc1 addresses may be written in upper case (BIP173 allows it); we store and emit lower case. */
function normalizeBitcoinAddress(s: string): string {
  const t = s.trim();
  return /^BC1[A-Z0-9]+$/.test(t) ? t.toLowerCase() : t;
}

export function validateBip21(fields: QrFields): QrFieldError[] {
  const errors: QrFieldError[] = [];
  const address = normalizeBitcoinAddress(fieldText(fields, "address"));
  if (address.startsWith("bc1")) {
    if (!BECH32_ADDRESS_RE.test(address)) {
      errors.push({ field: "address", message: "Enter a Bitcoin address starting with 1, 3 or bc1." });
    } else if (!isValidBech32Address(address)) {
      errors.push({ field: "address", message: "This Bitcoin address has a typo — its checksum doesn't match." });
    }
  } else if (!BASE58_ADDRESS_RE.test(address)) {
    errors.push({ field: "address", message: "Enter a Bitcoin address starting with 1, 3 or bc1." });
  }
  const label = textError(fieldText(fields, "label"), "Label", { required: false, max: BIP21_LABEL_MAX });
  if (label) errors.push({ field: "label", message: label });
  return errors;
}

/**
 * BIP21: bitcoin:<address>?label=…&message=…. Deliberately no amount: BIP21 amounts are in BTC,
 * our payments are in ISO fiat currencies, and converting at a rate we do not control would print
 * a wrong number into the payer's wallet. The payer converts the amount shown on the page.
 */
export function buildBip21Payload(input: QrBuildInput): QrBuildResult {
  // No currency and no amount: the URI carries neither (see QR_STANDARD_INFO).
  const checked = checkBuildInput(input, { validate: validateBip21, referenceMax: NOTE_MAX });
  if (!checked.ok) return checked.result;
  const message = memo(checked.reference, checked.purpose, NOTE_MAX);
  const params: string[] = [];
  const label = fieldText(input.fields, "label");
  if (label !== "") params.push(`label=${encodeURIComponent(label)}`);
  if (message !== "") params.push(`message=${encodeURIComponent(message)}`);
  const address = normalizeBitcoinAddress(fieldText(input.fields, "address"));
  return fitsQr(`bitcoin:${address}${params.length > 0 ? `?${params.join("&")}` : ""}`);
}
