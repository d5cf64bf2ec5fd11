// The business profile's logo, shown on every payer's page: checked by its bytes, never by its name or the browser's
// claimed type (as receipts are, lib/receipt.ts), and only as a raster image, so it can never be served as something
// active (an SVG can carry script).
import { sniffReceiptType } from "./receipt";

export const MAX_LOGO_BYTES = 512 * 1024;
export const LOGO_ACCEPT = "image/png,image/jpeg,image/webp";
/** Stored names are ours: "logo-" + 32 hex digits + the extension of the type the bytes showed. */
export const LOGO_FILE_NAME = /^logo-[a-f0-9]{32}\.(png|jpg|webp)$/;

export type LogoCheck = { ok: true; mime: "image/png" | "image/jpeg" | "image/webp"; ext: "png" | "jpg" | "webp" } | { ok: false; error: string };

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, error: "Choose an image file." };
  if (bytes.length > MAX_LOGO_BYTES) return { ok: false, error: "The logo can be at most 512 KB." };
  const type = sniffReceiptType(bytes);
  if (!type || type.mime === "application/pdf") return { ok: false, error: "The logo must be a PNG, JPEG or WebP image." };
  return { ok: true, mime: type.mime, ext: type.ext as "png" | "jpg" | "webp" };
}
