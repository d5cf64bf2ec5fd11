import { describe, expect, it } from "vitest";
import { canMoveRequest } from "./request-status";
import { detailsFromText, guessKind, normalizeWebsite, parseRequestForm, requestFormValues, requestToMethodValues, type RequestFormValues } from "./request-form";
import type { MethodFormValues } from "./method-form";

const valid: RequestFormValues = {
  paymentSystem: " Revolut ",
  website: "revolut.com",
  countries: "Germany, Austria",
  currencies: "eur, gbp eur",
  howCustomersPay: "Send to our Revolut tag.",
  accountDetails: "Revolut tag: @demoshop",
  comment: "",
};

describe("request form", () => {
  it("accepts a complete request, normalising the website and currencies", () => {
    const r = parseRequestForm(valid);
    expect(r).toEqual({
      ok: true,
      data: {
        paymentSystem: "Revolut",
        website: "https://revolut.com",
        countries: "Germany, Austria",
        currencies: ["EUR", "GBP"],
        howCustomersPay: "Send to our Revolut tag.",
        accountDetails: "Revolut tag: @demoshop",
        comment: "",
      },
    });
  });

  it("reports every problem against its own field", () => {
    const r = parseRequestForm({ ...valid, paymentSystem: "  ", website: "javascript:alert(1)", countries: "", currencies: "EURO, usd", comment: "x".repeat(2001) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["comment", "countries", "currencies", "paymentSystem", "website"]);
    expect(r.errors.currencies).toContain("EURO");
    expect(parseRequestForm({ ...valid, currencies: "" })).toMatchObject({ ok: false, errors: { currencies: "Enter at least one currency code, e.g. EUR." } });
  });

  it("reads missing or non-string fields as empty, never throwing", () => {
    const v = requestFormValues((n) => (n === "paymentSystem" ? "Wise" : n === "comment" ? 42 : null));
    expect(v).toEqual({ paymentSystem: "Wise", website: "", countries: "", currencies: "", howCustomersPay: "", accountDetails: "", comment: "" });
    expect(parseRequestForm(v).ok).toBe(false);
  });

  it("normalises websites and refuses other schemes", () => {
    expect(normalizeWebsite("")).toEqual({ ok: true, url: null });
    expect(normalizeWebsite("HTTP://Example.com/x")).toEqual({ ok: true, url: "HTTP://Example.com/x" });
    expect(normalizeWebsite("example.com:8080/pay")).toEqual({ ok: true, url: "https://example.com:8080/pay" });
    for (const bad of ["javascript:alert(1)", "ftp://example.com", "not a site", "localhost", "data:text/html,hi", "https://"]) {
      expect(normalizeWebsite(bad), bad).toEqual({ ok: false });
    }
  });
});

describe("request → method form", () => {
  it("turns 'Label: value' lines into detail rows and other lines into 'Details' rows", () => {
    expect(detailsFromText("Account holder: Demo Shop\n\nIBAN:DE89 3704\nhttps://pay.example/shop\n10:00–18:00\nJust call us\nBIC:")).toEqual([
      { label: "Account holder", value: "Demo Shop" },
      { label: "IBAN", value: "DE89 3704" },
      { label: "Details", value: "https://pay.example/shop" },
      { label: "Details", value: "10:00–18:00" },
      { label: "Details", value: "Just call us" },
      { label: "BIC", value: "" },
    ]);
    expect(detailsFromText(Array.from({ length: 30 }, (_, i) => `L${i}: v`).join("\n"))).toHaveLength(20);
  });

  it("guesses the kind from the words used", () => {
    expect(guessKind("Revolut")).toBe("e_wallet");
    expect(guessKind("USDT (TRC20)")).toBe("crypto");
    expect(guessKind("Cash on delivery")).toBe("cash");
    expect(guessKind("M-Pesa")).toBe("e_wallet");
    expect(guessKind("Local thing", "they transfer to our bank")).toBe("bank_transfer");
    expect(guessKind("Local thing", "")).toBe("other");
  });

  it("pre-fills name, currencies, details and instructions that always ask for the reference", () => {
    const base = { name: "", kind: "bank_transfer", enabled: true, currencies: "", minAmount: "", maxAmount: "", details: [], instructions: "Write **{{reference}}**.", requiresTransactionId: false, receipt: "optional", hoursOpen: "", qrStandard: "", qrFields: {} } satisfies MethodFormValues;
    const v = requestToMethodValues({ paymentSystem: "Revolut", currencies: ["EUR", "GBP"], howCustomersPay: "Send it to our tag.", accountDetails: "Revolut tag: @demoshop" }, base);
    expect(v).toMatchObject({ name: "Revolut", kind: "e_wallet", currencies: "EUR, GBP", details: [{ label: "Revolut tag", value: "@demoshop" }], instructions: "Send it to our tag.\n\nWrite **{{reference}}**." });
    expect(requestToMethodValues({ paymentSystem: "X", currencies: [], howCustomersPay: "Memo: {{reference}}", accountDetails: "" }, base).instructions).toBe("Memo: {{reference}}");
    expect(requestToMethodValues({ paymentSystem: "X", currencies: [], howCustomersPay: " ", accountDetails: "" }, base).instructions).toBe(base.instructions);
  });

  it("moves only along the allowed paths", () => {
    expect(canMoveRequest("new", "in_progress")).toBe(true);
    expect(canMoveRequest("in_progress", "done")).toBe(true);
    expect(canMoveRequest("declined", "in_progress")).toBe(true);
    expect(canMoveRequest("declined", "done")).toBe(false);
    expect(canMoveRequest("done", "in_progress")).toBe(false);
    expect(canMoveRequest("in_progress", "new")).toBe(false);
  });
});
