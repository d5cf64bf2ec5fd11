// Checks an uploaded payment receipt by its bytes, never by its file name or the browser's claimed type.

export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

export type ReceiptMime = "image/png" | "image/jpeg" | "image/webp" | "application/pdf";
export type ReceiptExt = "png" | "jpg" | "webp" | "pdf";
export type ReceiptType = { mime: ReceiptMime; ext: ReceiptExt };

/** The four formats we accept, as browsers name them and as we store them. */
export const RECEIPT_TYPES: readonly ReceiptType[] = [
  { mime: "image/png", ext: "png" },
  { mime: "image/jpeg", ext: "jpg" },
  { mime: "image/webp", ext: "webp" },
  { mime: "application/pdf", ext: "pdf" },
];

export type ReceiptError = "missing" | "too_large" | "bad_type";
export type ReceiptCheck = ({ ok: true } & ReceiptType) | { ok: false; error: ReceiptError };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
const WEBP = [0x57, 0x45, 0x42, 0x50]; // "WEBP"
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function startsWithAt(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/**
 * Identifies the four formats we accept. The served Content-Type is derived from this, so a
 * renamed HTML or SVG file can never be delivered back to an agent's browser as something active.
 */
export function sniffReceiptType(bytes: Uint8Array): ReceiptType | null {
  if (startsWithAt(bytes, PNG_SIGNATURE)) return { mime: "image/png", ext: "png" };
  if (startsWithAt(bytes, JPEG_SIGNATURE)) return { mime: "image/jpeg", ext: "jpg" };
  // Bytes 4..7 are the RIFF chunk size, which can be anything.
  if (startsWithAt(bytes, RIFF) && startsWithAt(bytes, WEBP, 8)) return { mime: "image/webp", ext: "webp" };
  // Strictly at offset 0: readers tolerate leading junk, but accepting it would let polyglots in.
  if (startsWithAt(bytes, PDF_SIGNATURE)) return { mime: "application/pdf", ext: "pdf" };
  return null;
}

/** How many leading bytes sniffReceiptType looks at: a receipt read as a stream needs to keep only these. */
export const RECEIPT_SNIFF_BYTES = 12;

export function checkReceipt(bytes: Uint8Array | null): ReceiptCheck {
  return checkReceiptStart(bytes?.length ?? 0, bytes ?? new Uint8Array());
}

/** The same check from a receipt's size and its first RECEIPT_SNIFF_BYTES bytes, for one written to disk as it arrives. */
export function checkReceiptStart(size: number, head: Uint8Array): ReceiptCheck {
  if (size === 0) return { ok: false, error: "missing" };
  if (size > MAX_RECEIPT_BYTES) return { ok: false, error: "too_large" };
  const type = sniffReceiptType(head);
  if (!type) return { ok: false, error: "bad_type" };
  return { ok: true, ...type };
}
