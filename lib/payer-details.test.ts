import { describe, expect, it } from "vitest";
import { payerDetails, qrDetails } from "./payer-details";

describe("payerDetails", () => {
  it("turns a QR standard's account fields into copyable details, the IBAN in groups of four", () => {
    expect(qrDetails("epc", { name: "Kiezladen GmbH", iban: "de02120300000000202051", bic: "" })).toEqual([
      { label: "Account holder", value: "Kiezladen GmbH" },
      { label: "IBAN", value: "DE02 1203 0000 0000 2020 51" },
    ]);
    expect(qrDetails("bip21", { address: "bc1qexample", label: "Shop" })).toEqual([{ label: "Bitcoin address", value: "bc1qexample" }]);
    expect(qrDetails(null, { iban: "x" })).toEqual([]);
  });

  it("shows the QR fields first and the other lines after them, without repeating a value", () => {
    const out = payerDetails({
      details: [
        { label: "IBAN", value: "DE02 1203 0000 0000 2020 51" },
        { label: "Bank", value: "Commerzbank" },
      ],
      qrStandard: "epc",
      qrFields: { name: "Kiezladen GmbH", iban: "DE02120300000000202051" },
    });
    expect(out.map((d) => d.label)).toEqual(["Account holder", "IBAN", "Bank"]);
  });

  it("leaves a method without a QR code as it is", () => {
    const details = [{ label: "PayPal", value: "pay@shop.example" }];
    expect(payerDetails({ details, qrStandard: null, qrFields: {} })).toEqual(details);
  });
});
