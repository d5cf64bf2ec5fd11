// Tests for the payment state machine: the full status × status × actor grid and its messages; what a payer still owes.
import { describe, expect, it } from "vitest";
import {
  ACTOR_TYPES,
  amountStillDue,
  refundDue,
  PAYMENT_STATUSES,
  TRANSITIONS,
  canTransition,
  fromStatuses,
  effectiveStatus,
  withEffectiveStatus,
  isPaymentStatus,
  isTerminal,
  transitionError,
} from "./payment-status";

// Written out independently of TRANSITIONS so the test is a second source of truth.
const ALLOWED = new Set([
  "open>submitted:customer",
  "open>submitted:bank",
  "open>cancelled:user",
  "open>cancelled:api_key",
  "open>expired:system",
  "submitted>approved:user",
  "submitted>approved:bank",
  "submitted>cancelled:user",
]);

describe("fromStatuses", () => {
  it("lists, for every target and actor, exactly the statuses of the allowed triples", () => {
    for (const to of PAYMENT_STATUSES) {
      for (const actor of ACTOR_TYPES) {
        const expected = PAYMENT_STATUSES.filter((from) => ALLOWED.has(`${from}>${to}:${actor}`));
        expect([...fromStatuses(to, actor)].sort(), `${to}:${actor}`).toEqual([...expected].sort());
      }
    }
    expect(fromStatuses("approved", "user")).toEqual(["submitted"]);
    expect(fromStatuses("cancelled", "user")).toEqual(["open", "submitted"]);
  });
});

describe("canTransition / transitionError", () => {
  it("covers the whole 5×5×5 grid: exactly the allowed triples pass", () => {
    let allowed = 0;
    let forbidden = 0;
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_STATUSES) {
        for (const actor of ACTOR_TYPES) {
          const key = `${from}>${to}:${actor}`;
          const expected = ALLOWED.has(key);
          expect(canTransition(from, to, actor), key).toBe(expected);
          const msg = transitionError(from, to, actor);
          if (expected) {
            expect(msg, key).toBeNull();
            allowed++;
          } else {
            expect(msg, key).toMatch(/^[A-Z].+\.$/);
            forbidden++;
          }
        }
      }
    }
    expect(allowed).toBe(8);
    expect(forbidden).toBe(5 * 5 * 5 - 8);
  });

  it("TRANSITIONS lists exactly the allowed triples", () => {
    const listed = TRANSITIONS.flatMap((t) => t.actors.map((a) => `${t.from}>${t.to}:${a}`));
    expect(new Set(listed)).toEqual(ALLOWED);
    expect(listed.length).toBe(ALLOWED.size);
  });

  it("forbids every same-state transition", () => {
    for (const s of PAYMENT_STATUSES) {
      for (const a of ACTOR_TYPES) expect(canTransition(s, s, a), `${s} ${a}`).toBe(false);
    }
  });

  it("gives specific messages", () => {
    expect(transitionError("approved", "approved", "user")).toBe("This payment was already approved.");
    expect(transitionError("approved", "cancelled", "user")).toBe("This payment was already approved.");
    expect(transitionError("cancelled", "approved", "user")).toBe("This payment was already cancelled.");
    expect(transitionError("expired", "submitted", "customer")).toBe("This payment has expired.");
    expect(transitionError("open", "approved", "user")).toBe("Only a submitted payment can be approved.");
    expect(transitionError("submitted", "submitted", "customer")).toBe("This payment was already marked as paid.");
    expect(transitionError("submitted", "approved", "api_key")).toBe("Only a team member can approve a submitted payment.");
    expect(transitionError("submitted", "cancelled", "api_key")).toBe("Only a team member can cancel a submitted payment.");
    expect(transitionError("open", "cancelled", "customer")).toBe(
      "Only a team member or an API key can cancel an open payment.",
    );
    expect(transitionError("open", "submitted", "user")).toBe("Only the payer can mark an open payment as paid.");
    expect(transitionError("submitted", "expired", "system")).toBe("Only an open payment can expire.");
    expect(transitionError("submitted", "open", "user")).toBe("A payment cannot be reopened.");
  });
});

describe("isTerminal", () => {
  it("marks approved, cancelled and expired as terminal", () => {
    expect(PAYMENT_STATUSES.filter(isTerminal)).toEqual(["approved", "cancelled", "expired"]);
  });

  it("terminal states have no exits for anyone", () => {
    for (const from of PAYMENT_STATUSES.filter(isTerminal)) {
      for (const to of PAYMENT_STATUSES) {
        for (const a of ACTOR_TYPES) expect(canTransition(from, to, a), `${from}>${to}:${a}`).toBe(false);
      }
    }
  });

  it("every non-terminal state can reach a terminal state", () => {
    for (const s of PAYMENT_STATUSES.filter((x) => !isTerminal(x))) {
      expect(TRANSITIONS.some((t) => t.from === s && isTerminal(t.to)), s).toBe(true);
    }
  });
});

describe("isPaymentStatus", () => {
  it("accepts exactly the five statuses", () => {
    for (const s of ["open", "submitted", "approved", "cancelled", "expired"]) expect(isPaymentStatus(s)).toBe(true);
    for (const x of ["OPEN", "paid", "", " open", null, undefined, 1, {}, ["open"]]) expect(isPaymentStatus(x)).toBe(false);
  });
});

describe("immutability", () => {
  it("TRANSITIONS cannot be altered at runtime", () => {
    expect(() => (TRANSITIONS as unknown as unknown[]).push({ from: "approved", to: "open", actors: ["user"] })).toThrow();
    expect(() => (TRANSITIONS[0].actors as unknown as string[]).push("user")).toThrow();
    expect(canTransition("open", "submitted", "user")).toBe(false);
  });
});

describe("effectiveStatus", () => {
  const T = 1_000_000;
  it("is expired for an open payment at or past its expiry, and the stored status otherwise", () => {
    expect(effectiveStatus({ status: "open", expiresAt: T }, T - 1)).toBe("open");
    expect(effectiveStatus({ status: "open", expiresAt: T }, T)).toBe("expired");
    for (const status of ["submitted", "approved", "cancelled", "expired"] as const) expect(effectiveStatus({ status, expiresAt: T }, T + 1)).toBe(status);
  });

  it("withEffectiveStatus returns the same row when nothing differs, and a copy otherwise", () => {
    const row = { id: 1, status: "open" as const, expiresAt: T };
    expect(withEffectiveStatus(row, T - 1)).toBe(row);
    expect(withEffectiveStatus(row, T)).toEqual({ id: 1, status: "expired", expiresAt: T });
    expect(row.status).toBe("open");
  });
});

describe("amountStillDue", () => {
  const p = { status: "open" as const, amount: 1999, amountReceived: 0, bankConfirmedAt: null };
  it("is the rest once part of the amount arrived, open or submitted", () => {
    expect(amountStillDue({ ...p, amountReceived: 1499 })).toBe(500);
    expect(amountStillDue({ ...p, status: "submitted", amountReceived: 1 })).toBe(1998);
  });
  it("is null when nothing or all of it arrived, or more", () => {
    expect(amountStillDue(p)).toBeNull();
    expect(amountStillDue({ ...p, amountReceived: 1999 })).toBeNull();
    expect(amountStillDue({ ...p, amountReceived: 2500 })).toBeNull();
  });
  it("is null once the bank confirmed it paid within its fee tolerance, and for a decided or expired payment", () => {
    expect(amountStillDue({ ...p, status: "submitted", amountReceived: 1949, bankConfirmedAt: 1 })).toBeNull();
    for (const status of ["approved", "cancelled", "expired"] as const) expect(amountStillDue({ ...p, status, amountReceived: 1000 }), status).toBeNull();
  });
});

describe("refundDue", () => {
  const p = { status: "approved" as const, expiresAt: 10_000, amount: 1999, amountReceived: 1999, amountRefunded: 0 };
  it("is what arrived on top of the amount while the payment stands, less what was sent back", () => {
    expect(refundDue(p, 0)).toBe(0);
    expect(refundDue({ ...p, amountReceived: 2500 }, 0)).toBe(501);
    expect(refundDue({ ...p, status: "submitted", amountReceived: 2500, amountRefunded: 200 }, 0)).toBe(301);
    expect(refundDue({ ...p, amountReceived: 2500, amountRefunded: 501 }, 0)).toBe(0);
  });
  it("is everything that arrived for a cancelled or expired payment, an open one past its expiry too", () => {
    expect(refundDue({ ...p, status: "cancelled", amountReceived: 1000 }, 0)).toBe(1000);
    expect(refundDue({ ...p, status: "expired", amountReceived: 1000, amountRefunded: 400 }, 0)).toBe(600);
    expect(refundDue({ ...p, status: "open", amountReceived: 1000 }, 9_999)).toBe(0);
    expect(refundDue({ ...p, status: "open", amountReceived: 1000 }, 10_000)).toBe(1000);
  });
  it("is never negative, when a line was unmatched after a refund", () => {
    expect(refundDue({ ...p, status: "cancelled", amountReceived: 0, amountRefunded: 1000 }, 0)).toBe(0);
  });
});
