import { describe, expect, it } from "vitest";
import { checkChosenFile, confirmErrors, decodeConfirmErrors, encodeConfirmErrors } from "./confirm-form";
import { MAX_RECEIPT_BYTES } from "./receipt";

const png = { ok: true, mime: "image/png", ext: "png" } as const;

describe("confirmErrors", () => {
  it("asks for a required transaction ID and a required receipt, each beside its field", () => {
    expect(confirmErrors({ requiresTransactionId: true, receipt: "required" }, "", null)).toEqual({ transactionId: "tx-required", receipt: "receipt-required" });
    expect(confirmErrors({ requiresTransactionId: false, receipt: "optional" }, "", null)).toEqual({});
    expect(confirmErrors({ requiresTransactionId: true, receipt: "off" }, "TX-1", null)).toEqual({});
  });

  it("refuses a transaction ID over 100 characters, required or not", () => {
    expect(confirmErrors({ requiresTransactionId: false, receipt: "off" }, "x".repeat(100), null)).toEqual({});
    expect(confirmErrors({ requiresTransactionId: false, receipt: "off" }, "x".repeat(101), null)).toEqual({ transactionId: "tx-long" });
  });

  it("names what is wrong with a file, even an optional one, and ignores files where none is asked for", () => {
    const rules = { requiresTransactionId: false, receipt: "optional" } as const;
    expect(confirmErrors(rules, "", { ok: false, error: "bad_type" })).toEqual({ receipt: "receipt-type" });
    expect(confirmErrors(rules, "", { ok: false, error: "too_large" })).toEqual({ receipt: "receipt-size" });
    expect(confirmErrors(rules, "", png)).toEqual({});
    expect(confirmErrors({ requiresTransactionId: false, receipt: "off" }, "", { ok: false, error: "bad_type" })).toEqual({});
  });

  it("asks for a good receipt again when another field sends the form back (a file box cannot be refilled)", () => {
    expect(confirmErrors({ requiresTransactionId: true, receipt: "optional" }, "", png)).toEqual({ transactionId: "tx-required", receipt: "receipt-again" });
  });
});

describe("?error= codes", () => {
  it("round-trip, and anything else reads as no errors at all", () => {
    for (const e of [{ transactionId: "tx-required" }, { receipt: "receipt-type" }, { transactionId: "tx-long", receipt: "receipt-again" }] as const) {
      expect(decodeConfirmErrors(encodeConfirmErrors(e))).toEqual(e);
    }
    for (const bad of [null, "", "choose", "tx-required,tx-long", "receipt-type,receipt-size", "tx-required,", "<script>", "x".repeat(50)]) {
      expect(decodeConfirmErrors(bad)).toBeNull();
    }
  });
});

describe("checkChosenFile (the page's script)", () => {
  it("goes by the browser's type and the size; no file is no receipt", () => {
    expect(checkChosenFile(null)).toBeNull();
    expect(checkChosenFile({ size: 0, type: "" })).toBeNull();
    expect(checkChosenFile({ size: 10, type: "application/pdf" })).toEqual({ ok: true, mime: "application/pdf", ext: "pdf" });
    expect(checkChosenFile({ size: 10, type: "image/jpeg" })).toMatchObject({ ok: true, ext: "jpg" });
    expect(checkChosenFile({ size: 10, type: "text/plain" })).toEqual({ ok: false, error: "bad_type" });
    expect(checkChosenFile({ size: MAX_RECEIPT_BYTES + 1, type: "image/png" })).toEqual({ ok: false, error: "too_large" });
  });
});
