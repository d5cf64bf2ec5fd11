import { describe, expect, it } from "vitest";
import { BankAccountForm } from "./account-form";

const base = { name: "Main", currency: "eur", accountNumber: "DE89 3704 0044 0532 0130 00", methodIds: ["3", "3", "x"], autoApprove: "", feeTolerance: "" };

describe("BankAccountForm", () => {
  it("normalises an IBAN, the currency and the methods; the tolerance is 0 unless given", () => {
    expect(BankAccountForm.parse(base)).toEqual({ name: "Main", currency: "EUR", accountNumber: "DE89370400440532013000", methodIds: [3], autoApprove: false, feeTolerance: 0 });
    expect(BankAccountForm.parse({ ...base, autoApprove: "on", feeTolerance: "0,50" })).toMatchObject({ autoApprove: true, feeTolerance: 50 });
  });

  it("checks an IBAN as the method form does, and takes other account numbers as written", () => {
    const bad = BankAccountForm.safeParse({ ...base, accountNumber: "DE89 3704 0044 0532 0130 01" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["accountNumber"], message: "IBAN checksum is wrong — check for a typo." });
    expect(BankAccountForm.parse({ ...base, currency: "RUB", accountNumber: "40702810 9000 0000 1234" }).accountNumber).toBe("40702810 9000 0000 1234");
    expect(BankAccountForm.safeParse({ ...base, accountNumber: "" }).error!.issues[0].message).toBe("Enter the account number or IBAN.");
  });

  it("refuses a tolerance that is not an amount in the currency", () => {
    const r = BankAccountForm.safeParse({ ...base, feeTolerance: "0.505" });
    expect(r.error!.issues[0]).toMatchObject({ path: ["feeTolerance"] });
  });
});
