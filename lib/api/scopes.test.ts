import { describe, expect, it } from "vitest";
import { API_SCOPES, mayKey, scopesOf, type ApiScope } from "./scopes";

const key = (...scopes: ApiScope[]) => ({ id: 7, scopes });
const dashboardPayment = { createdByApiKeyId: null };
const ownPayment = { createdByApiKeyId: 7 };
const otherKeysPayment = { createdByApiKeyId: 8 };

describe("mayKey", () => {
  it("lets a key with every scope do everything but cancel a dashboard payment, which it may read", () => {
    const all = key(...API_SCOPES);
    for (const action of ["listPayments", "createPayment", "listMethods"] as const) expect(mayKey(all, action).allowed).toBe(true);
    for (const p of [dashboardPayment, ownPayment, otherKeysPayment]) expect(mayKey(all, "readPayment", p)).toEqual({ allowed: true });
    expect(mayKey(all, "cancelPayment", ownPayment)).toEqual({ allowed: true });
    expect(mayKey(all, "cancelPayment", otherKeysPayment)).toEqual({ allowed: true });
    expect(mayKey(all, "cancelPayment", dashboardPayment)).toMatchObject({ allowed: false, as: "forbidden", missingScope: null });
  });

  it("a write key without read follows and cancels its own payments, cancels other keys' API payments, and sees nothing else", () => {
    const write = key("payments:write");
    expect(mayKey(write, "createPayment")).toEqual({ allowed: true });
    expect(mayKey(write, "readPayment", ownPayment)).toEqual({ allowed: true });
    expect(mayKey(write, "cancelPayment", ownPayment)).toEqual({ allowed: true });
    // Key rotation: a new key may cancel what the old key made.
    expect(mayKey(write, "cancelPayment", otherKeysPayment)).toEqual({ allowed: true });
    // Another key's payment is not this key's to read, and a dashboard payment does not exist as far as it can tell.
    expect(mayKey(write, "readPayment", otherKeysPayment)).toEqual({ allowed: false, as: "not_found" });
    expect(mayKey(write, "readPayment", dashboardPayment)).toEqual({ allowed: false, as: "not_found" });
    expect(mayKey(write, "cancelPayment", dashboardPayment)).toEqual({ allowed: false, as: "not_found" });
    expect(mayKey(write, "listPayments")).toMatchObject({ allowed: false, as: "forbidden", missingScope: "payments:read" });
    expect(mayKey(write, "listMethods")).toMatchObject({ allowed: false, as: "forbidden", missingScope: "methods:read" });
  });

  it("a missing payment and a hidden one get the same answer", () => {
    const write = key("payments:write");
    expect(mayKey(write, "readPayment", undefined)).toEqual(mayKey(write, "readPayment", dashboardPayment));
    expect(mayKey(write, "cancelPayment", undefined)).toEqual(mayKey(write, "cancelPayment", dashboardPayment));
  });

  it("a read key reads every payment but creates and cancels nothing", () => {
    const read = key("payments:read");
    expect(mayKey(read, "listPayments")).toEqual({ allowed: true });
    expect(mayKey(read, "readPayment", dashboardPayment)).toEqual({ allowed: true });
    expect(mayKey(read, "createPayment")).toMatchObject({ as: "forbidden", missingScope: "payments:write" });
    expect(mayKey(read, "cancelPayment", ownPayment)).toMatchObject({ as: "forbidden", missingScope: "payments:write" });
  });

  it("a methods-only key lists methods and is refused every payment action with the scope it lacks, whatever the payment", () => {
    const methods = key("methods:read");
    expect(mayKey(methods, "listMethods")).toEqual({ allowed: true });
    expect(mayKey(methods, "createPayment")).toMatchObject({ as: "forbidden", missingScope: "payments:write" });
    expect(mayKey(methods, "listPayments")).toMatchObject({ as: "forbidden", missingScope: "payments:read" });
    // Refused before the payment is looked at: the same answer for one that exists and one that does not.
    expect(mayKey(methods, "readPayment", dashboardPayment)).toEqual(mayKey(methods, "readPayment", undefined));
    expect(mayKey(methods, "readPayment", undefined)).toMatchObject({ as: "forbidden", missingScope: "payments:read" });
    expect(mayKey(methods, "cancelPayment", ownPayment)).toMatchObject({ as: "forbidden", missingScope: "payments:write" });
  });

  it("a key with no known scope may do nothing; unknown stored scopes grant nothing", () => {
    const none = { id: 7, scopes: ["payments:*", "admin", 42] };
    for (const action of ["listPayments", "createPayment", "listMethods"] as const) expect(mayKey(none, action).allowed).toBe(false);
    expect(mayKey(none, "readPayment", ownPayment).allowed).toBe(false);
    expect(mayKey(none, "cancelPayment", ownPayment).allowed).toBe(false);
  });
});

describe("scopesOf", () => {
  it("keeps known scopes once each, in a fixed order", () => {
    expect(scopesOf(["methods:read", "payments:read", "bogus", "methods:read"])).toEqual(["payments:read", "methods:read"]);
    expect(scopesOf(null)).toEqual([]);
  });
});
