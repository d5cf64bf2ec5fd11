import { describe, expect, it } from "vitest";
import { parseMethodForm, type MethodFormValues } from "./method-form";

const base: MethodFormValues = {
  name: "SEPA",
  kind: "bank_transfer",
  enabled: true,
  currencies: "eur",
  minAmount: "",
  maxAmount: "",
  details: [{ label: "IBAN", value: "DE89 3704 0044 0532 0130 00" }],
  instructions: "Pay {{amount}}",
  requiresTransactionId: false,
  receipt: "optional",
  hoursOpen: "",
  qrStandard: "",
  qrFields: {},
};

function errors(v: Partial<MethodFormValues>) {
  const r = parseMethodForm({ ...base, ...v });
  return r.ok ? {} : r.errors;
}

describe("parseMethodForm", () => {
  it("accepts a plain method, upper-casing and de-duplicating currencies", () => {
    const r = parseMethodForm({ ...base, currencies: "eur, USD eur" });
    expect(r.ok && r.data.currencies).toEqual(["EUR", "USD"]);
  });
  it("names the unknown currency codes", () => {
    expect(errors({ currencies: "EUR, EUX, BTC" }).currencies).toBe("Not an ISO 4217 currency code: EUX, BTC.");
  });
  it("checks limits' format and order, exactly", () => {
    expect(errors({ minAmount: "1e3" }).minAmount).toMatch(/Enter an amount/);
    expect(errors({ minAmount: "10.5", maxAmount: "10.499" }).maxAmount).toBe("The maximum must not be below the minimum.");
    const ok = parseMethodForm({ ...base, minAmount: "10,5", maxAmount: "10.500" });
    expect(ok.ok && [ok.data.minAmount, ok.data.maxAmount]).toEqual(["10.5", "10.500"]);
  });
  it("skips empty detail rows and flags half-filled ones on the right field", () => {
    const e = errors({ details: [{ label: "", value: "" }, { label: "IBAN", value: "" }, { label: "", value: "x" }] });
    expect(e["details.1.value"]).toBeDefined();
    expect(e["details.2.label"]).toBeDefined();
    expect(e["details.0.label"]).toBeUndefined();
    const r = parseMethodForm({ ...base, details: [{ label: "", value: "" }, { label: "BIC", value: "COBADEFFXXX" }] });
    expect(r.ok && r.data.details).toEqual([{ label: "BIC", value: "COBADEFFXXX" }]);
  });
  it("validates the QR standard's own fields and its currency", () => {
    const e = errors({ qrStandard: "epc", currencies: "EUR", qrFields: { name: "Shop", iban: "DE89370400440532013001", bic: "" } });
    expect(e["qr.iban"]).toMatch(/checksum/i);
    expect(errors({ qrStandard: "epc", currencies: "USD", qrFields: { name: "Shop", iban: "DE89370400440532013000" } }).currencies).toMatch(/EUR/);
    expect(errors({ qrStandard: "epc", currencies: "", qrFields: { name: "Shop", iban: "DE89370400440532013000" } }).currencies).toMatch(/EUR/);
    const ok = parseMethodForm({ ...base, qrStandard: "epc", qrFields: { name: "Shop", iban: "DE89370400440532013000", bic: "" } });
    expect(ok.ok && ok.data.qrStandard).toBe("epc");
  });
  it("drops QR fields when no standard is chosen", () => {
    const r = parseMethodForm({ ...base, qrStandard: "", qrFields: { iban: "x" } });
    expect(r.ok && r.data.qrFields).toEqual({});
  });
  it("limits hours to pay to whole hours from 1 to 2160", () => {
    expect(errors({ hoursOpen: "0" }).hoursOpen).toBeDefined();
    expect(errors({ hoursOpen: "1.5" }).hoursOpen).toBeDefined();
    expect(errors({ hoursOpen: "2161" }).hoursOpen).toBeDefined();
    const r = parseMethodForm({ ...base, hoursOpen: "24" });
    expect(r.ok && r.data.hoursOpen).toBe(24);
  });
  it("requires a name and a known kind and receipt mode", () => {
    const e = errors({ name: "", kind: "telepathy", receipt: "sometimes" });
    expect(Object.keys(e).sort()).toEqual(["kind", "name", "receipt"]);
  });
});
