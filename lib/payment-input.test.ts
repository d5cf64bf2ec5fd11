import { describe, expect, it } from "vitest";
import { CreatePaymentBody } from "./api/schemas";
import { fieldErrorsOf } from "./form-state";
import { MAX_OPEN_MINUTES, minorUnits, NewPaymentForm } from "./payment-input";

const form = (over: Record<string, string> = {}) => ({
  amount: "19.99",
  currency: "EUR",
  description: "Order",
  orderId: "",
  customerName: "",
  customerEmail: "",
  returnUrl: "",
  expiresInHours: "24",
  ...over,
});
const api = (over: Record<string, unknown> = {}) => ({ amount: "19.99", currency: "EUR", description: "Order", order_id: "1042", ...over });

const formErrors = (over: Record<string, string>) => {
  const r = NewPaymentForm.safeParse(form(over));
  return r.success ? {} : fieldErrorsOf(r.error);
};
const apiErrors = (over: Record<string, unknown>) => {
  const r = CreatePaymentBody.safeParse(api(over));
  return r.success ? {} : fieldErrorsOf(r.error);
};

describe("one payment input for the dashboard and the API", () => {
  it("accepts the same payment in both shapes", () => {
    expect(NewPaymentForm.safeParse(form({ orderId: "1042" })).success).toBe(true);
    expect(CreatePaymentBody.safeParse(api()).success).toBe(true);
    expect(minorUnits("19.99", "eur")).toBe(1999);
  });

  it("applies the same rule and message to each shared field", () => {
    const cases: [string, string, string | number][] = [
      ["description", "description", ""],
      ["description", "description", "x".repeat(201)],
      ["orderId", "order_id", "x".repeat(101)],
      ["customerName", "customer_name", "x".repeat(201)],
      ["amount", "amount", "19.999"],
      ["amount", "amount", "-5"],
    ];
    for (const [formField, apiField, value] of cases) {
      const f = formErrors({ [formField]: String(value) })[formField];
      const a = apiErrors({ [apiField]: value })[apiField];
      expect(f, `${formField} = ${value}`).toBeTruthy();
      expect(a, `${apiField} = ${value}`).toBe(f);
    }
  });

  it("an address that is wrong is wrong in both; the form adds that its box may stay empty", () => {
    expect(formErrors({ customerEmail: "not-an-email" }).customerEmail).toBe("Enter a valid email address, or leave it empty.");
    expect(apiErrors({ customer_email: "not-an-email" }).customer_email).toBe("Enter a valid email address.");
    expect(formErrors({ returnUrl: "javascript:alert(1)" }).returnUrl).toBe("Enter a full http(s):// address, or leave it empty.");
    expect(apiErrors({ return_url: "javascript:alert(1)" }).return_url).toBe("Enter a full http(s):// address.");
  });

  it("differs where written down: the order ID and the expiry's unit", () => {
    expect(formErrors({ orderId: "" })).toEqual({});
    expect(apiErrors({ order_id: undefined }).order_id).toBeTruthy();
    // The same longest time open, 90 days, in hours and in minutes.
    expect(formErrors({ expiresInHours: String(MAX_OPEN_MINUTES / 60) })).toEqual({});
    expect(formErrors({ expiresInHours: String(MAX_OPEN_MINUTES / 60 + 1) }).expiresInHours).toBeTruthy();
    expect(apiErrors({ expires_in_minutes: MAX_OPEN_MINUTES })).toEqual({});
    expect(apiErrors({ expires_in_minutes: MAX_OPEN_MINUTES + 1 }).expires_in_minutes).toBeTruthy();
  });

  it("reports the amount with the other fields' errors, and only the currency when it is unknown", () => {
    expect(Object.keys(formErrors({ amount: "1e3", description: "" })).sort()).toEqual(["amount", "description"]);
    expect(apiErrors({ currency: "XXY" })).toEqual({ currency: "Unknown ISO 4217 currency code." });
    expect(Object.keys(apiErrors({ amount: 19.99, description: 42 })).sort()).toEqual(["amount", "description"]);
  });
});

describe("e-mailing the link", () => {
  it("needs the customer's address, in the form and in the API, said at that field", () => {
    expect(formErrors({ notifyCustomer: "on" })).toEqual({ customerEmail: "Give the customer's email address to e-mail them the link." });
    expect(apiErrors({ notify_customer: true })).toEqual({ customer_email: "Give the customer's email address to e-mail them the link." });
    expect(NewPaymentForm.parse(form({ notifyCustomer: "on", customerEmail: "anna@example.com" })).notifyCustomer).toBe(true);
    expect(NewPaymentForm.parse(form({ customerEmail: "anna@example.com" })).notifyCustomer).toBe(false);
    expect(CreatePaymentBody.safeParse(api({ notify_customer: true, customer_email: "anna@example.com" })).success).toBe(true);
  });

  it("refuses an address mail cannot go to, with or without the box ticked", () => {
    for (const bad of ["anna@example", "anna example@x.com", "anna@@example.com", '"anna"@example.com']) {
      expect(formErrors({ customerEmail: bad }).customerEmail).toBe("Enter a valid email address, or leave it empty.");
      expect(apiErrors({ customer_email: bad }).customer_email).toBe("Enter a valid email address.");
    }
  });
});
