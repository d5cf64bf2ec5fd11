// Tests for receipt upload checks: magic-byte sniffing, size limit and missing files.
import { describe, expect, it } from "vitest";
import { MAX_RECEIPT_BYTES, checkReceipt, sniffReceiptType } from "./receipt";

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? ascii(p) : p)));

const PNG = bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0]);
const WEBP = bytes("RIFF", [0x24, 0x00, 0x00, 0x00], "WEBPVP8 ");
const PDF = bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");

describe("sniffReceiptType", () => {
  it("recognises the four accepted formats", () => {
    expect(sniffReceiptType(PNG)).toEqual({ mime: "image/png", ext: "png" });
    expect(sniffReceiptType(JPEG)).toEqual({ mime: "image/jpeg", ext: "jpg" });
    expect(sniffReceiptType(WEBP)).toEqual({ mime: "image/webp", ext: "webp" });
    expect(sniffReceiptType(PDF)).toEqual({ mime: "application/pdf", ext: "pdf" });
  });

  it("needs the complete signature", () => {
    expect(sniffReceiptType(PNG.slice(0, 7))).toBeNull();
    expect(sniffReceiptType(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x00]))).toBeNull();
    expect(sniffReceiptType(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniffReceiptType(bytes([0xff, 0xd8, 0xfe]))).toBeNull();
    expect(sniffReceiptType(bytes("%PDF"))).toBeNull();
    expect(sniffReceiptType(bytes("%PDX-1.4"))).toBeNull();
    expect(sniffReceiptType(WEBP.slice(0, 11))).toBeNull();
    expect(sniffReceiptType(new Uint8Array())).toBeNull();
  });

  it("rejects other RIFF containers and non-receipt formats", () => {
    expect(sniffReceiptType(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toBeNull();
    expect(sniffReceiptType(bytes("RIFF", [0, 0, 0, 0], "AVI LIST"))).toBeNull();
    expect(sniffReceiptType(bytes("GIF89a", [1, 0, 1, 0]))).toBeNull();
    expect(sniffReceiptType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffReceiptType(bytes("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffReceiptType(bytes("PK", [3, 4, 20, 0]))).toBeNull();
  });

  it("requires the signature at offset 0", () => {
    expect(sniffReceiptType(bytes(" %PDF-1.4"))).toBeNull();
    expect(sniffReceiptType(bytes([0], Array.from(PNG)))).toBeNull();
    expect(sniffReceiptType(bytes("<html>", Array.from(PNG)))).toBeNull();
  });
});

describe("checkReceipt", () => {
  it("accepts valid files and reports their type", () => {
    expect(checkReceipt(PNG)).toEqual({ ok: true, mime: "image/png", ext: "png" });
    expect(checkReceipt(PDF)).toEqual({ ok: true, mime: "application/pdf", ext: "pdf" });
  });

  it("reports a missing file", () => {
    expect(checkReceipt(null)).toEqual({ ok: false, error: "missing" });
    expect(checkReceipt(new Uint8Array(0))).toEqual({ ok: false, error: "missing" });
  });

  it("rejects a text file renamed to .png", () => {
    expect(checkReceipt(bytes("Paid 19.99 EUR via bank transfer, thanks!\n"))).toEqual({ ok: false, error: "bad_type" });
  });

  it("accepts exactly the limit and rejects one byte more", () => {
    const atLimit = new Uint8Array(MAX_RECEIPT_BYTES);
    atLimit.set(JPEG);
    expect(checkReceipt(atLimit)).toEqual({ ok: true, mime: "image/jpeg", ext: "jpg" });
    const over = new Uint8Array(MAX_RECEIPT_BYTES + 1);
    over.set(JPEG);
    expect(checkReceipt(over)).toEqual({ ok: false, error: "too_large" });
    expect(MAX_RECEIPT_BYTES).toBe(10_485_760);
  });

  it("works with Node Buffers too", () => {
    expect(checkReceipt(Buffer.from(WEBP))).toEqual({ ok: true, mime: "image/webp", ext: "webp" });
  });
});
