import { describe, expect, it } from "vitest";
import { MESSAGES } from "./i18n";
import { localizeQrLabels, payerDetails, qrDetails } from "./payer-details";

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

  it("labels the QR fields' lines in the payer's language through the page's words, and leaves the merchant's own lines", () => {
    const method = {
      details: [{ label: "Bank", value: "Commerzbank" }],
      qrStandard: "epc" as const,
      qrFields: { name: "Kiezladen GmbH", iban: "DE02120300000000202051", bic: "COBADEFFXXX" },
    };
    const snapshot = { ...method, details: payerDetails(method) };
    expect(localizeQrLabels(snapshot, "ru")).toEqual([
      { label: "Получатель", value: "Kiezladen GmbH" },
      { label: "IBAN", value: "DE02 1203 0000 0000 2020 51" },
      { label: "BIC", value: "COBADEFFXXX" },
      { label: "Bank", value: "Commerzbank" },
    ]);
    expect(localizeQrLabels(snapshot, "en")).toEqual(snapshot.details);
    expect(qrDetails("epc", method.qrFields, "ru")[0].label).toBe(MESSAGES.ru.qrAccountHolder);
  });

  it("gives every standard's fields a Russian label, a Russian bank's BIC as БИК", () => {
    const st = { name: "ООО Ромашка", personalAcc: "40702810900000000001", bankName: "ПАО Сбербанк", bic: "044525225", correspAcc: "30101810400000000225" };
    expect(qrDetails("st00012", st, "ru").map((d) => d.label)).toEqual(["Получатель", "Расчётный счёт", "Банк получателя", "БИК", "Корр. счёт"]);
    expect(qrDetails("upi", { pa: "shop@okaxis", pn: "Shop" }, "ru").map((d) => d.label)).toEqual(["UPI ID", "Имя получателя"]);
    expect(qrDetails("bip21", { address: "bc1qexample" }, "ru").map((d) => d.label)).toEqual(["Биткоин-адрес"]);
    // The English labels are what snapshots keep: unchanged.
    expect(qrDetails("st00012", st).map((d) => d.label)).toEqual(["Recipient", "Account number", "Bank", "BIC", "Correspondent account"]);
  });

  it("leaves a line that only looks like a QR field's (another value, or already translated by the merchant)", () => {
    const snapshot = {
      details: [
        { label: "Account holder", value: "Someone else" },
        { label: "Владелец счёта", value: "Kiezladen GmbH" },
      ],
      qrStandard: "epc" as const,
      qrFields: { name: "Kiezladen GmbH", iban: "" },
    };
    expect(localizeQrLabels(snapshot, "ru")).toEqual(snapshot.details);
    expect(localizeQrLabels({ details: [{ label: "IBAN", value: "x" }], qrStandard: null }, "ru")).toEqual([{ label: "IBAN", value: "x" }]);
  });
});
