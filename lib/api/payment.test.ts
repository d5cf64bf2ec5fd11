// The API's payment object and its bank_lines: amounts in the line's currency, who matched, and the schema it promises.
import { describe, expect, it } from "vitest";
import { toApiBankLine, toApiPayment, type PaymentLineRow, type PaymentRow } from "./payment";
import { ApiPayment } from "./schemas";

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

const payment: PaymentRow = {
  id: 7,
  token: "tok",
  reference: "K7M2QX9P",
  status: "submitted",
  amount: 10000,
  currency: "EUR",
  description: "Order",
  orderId: "A-1",
  customerName: null,
  customerEmail: null,
  returnUrl: null,
  expiresAt: T0 + 86_400_000,
  methodSnapshot: null,
  transactionId: null,
  decisionReason: null,
  metadata: null,
  createdAt: T0,
  submittedAt: T0 + 1000,
  decidedAt: null,
  amountReceived: 10000,
  bankConfirmedAt: T0 + 1000,
};

const line = (over: Partial<PaymentLineRow>): PaymentLineRow => ({
  id: 1,
  paymentId: 7,
  amount: 6000,
  currency: "EUR",
  bookingDate: "2026-12-02",
  valueDate: null,
  bankRef: null,
  endToEndId: null,
  structuredRef: null,
  remittanceText: null,
  counterpartyName: null,
  counterpartyAccount: null,
  decidedByUserId: null,
  ...over,
});

describe("toApiBankLine", () => {
  it("gives the amount as a decimal string and in minor units, with the bank's references and the payer", () => {
    const l = line({
      id: 41,
      amount: 6000,
      valueDate: "2026-12-03",
      bankRef: "BANKREF-9",
      endToEndId: "E2E-1",
      structuredRef: "RF18K7M2QX9P",
      remittanceText: "Order K7M2-QX9P",
      counterpartyName: "Anna Schmidt",
      counterpartyAccount: "DE89370400440532013000",
    });
    expect(toApiBankLine(l)).toEqual({
      id: 41,
      amount: "60.00",
      amount_minor: 6000,
      currency: "EUR",
      booking_date: "2026-12-02",
      value_date: "2026-12-03",
      bank_reference: "BANKREF-9",
      end_to_end_id: "E2E-1",
      structured_reference: "RF18K7M2QX9P",
      remittance_text: "Order K7M2-QX9P",
      payer_name: "Anna Schmidt",
      payer_account: "DE89370400440532013000",
      matched_by: "automatic",
    });
  });

  it("says a person matched it when one decided the line, and keeps unknown fields null", () => {
    const out = toApiBankLine(line({ decidedByUserId: 3, amount: 1500, currency: "JPY" }));
    expect(out).toMatchObject({ matched_by: "person", amount: "1500", amount_minor: 1500, bank_reference: null, end_to_end_id: null, payer_name: null });
  });
});

describe("toApiPayment's bank_lines", () => {
  it("lists the lines given, in their order, and parses with the schema the OpenAPI document is made from", () => {
    const out = toApiPayment(payment, [line({ id: 1, amount: 6000 }), line({ id: 5, amount: 4000, decidedByUserId: 2 })], "https://pay.example/");
    expect(out.bank_lines.map((l) => [l.id, l.amount, l.matched_by])).toEqual([
      [1, "60.00", "automatic"],
      [5, "40.00", "person"],
    ]);
    expect(out.amount_received).toBe("100.00");
    expect(ApiPayment.parse(out)).toEqual(out);
  });

  it("is an empty list for a payment no line pays", () => {
    const out = toApiPayment({ ...payment, status: "open", amountReceived: 0, bankConfirmedAt: null }, [], "https://pay.example");
    expect(out.bank_lines).toEqual([]);
    expect(ApiPayment.parse(out).bank_lines).toEqual([]);
  });
});
