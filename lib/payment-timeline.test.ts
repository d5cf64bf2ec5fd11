import { describe, expect, it } from "vitest";
import { timelineEntries, type TimelineEvent } from "./payment-timeline";

const ev = (over: Partial<TimelineEvent>): TimelineEvent => ({ id: 1, actorType: "user", actorId: "1", actorName: "Ada Admin", fromStatus: null, toStatus: "open", reason: null, createdAt: 1000, ...over });

describe("timelineEntries", () => {
  it("tells each change in staff's words, with the method choice in its place", () => {
    const events = [
      ev({ id: 1, createdAt: 1000 }),
      ev({ id: 2, actorType: "customer", actorId: null, actorName: null, fromStatus: "open", toStatus: "submitted", createdAt: 3000 }),
      ev({ id: 3, actorName: "Alex Agent", fromStatus: "submitted", toStatus: "cancelled", reason: "No money arrived", createdAt: 4000 }),
    ];
    const out = timelineEntries(events, { name: "PayPal", at: 2000 });
    expect(out.map((e) => e.title)).toEqual(["Link created by Ada Admin", "The customer chose PayPal", "The customer says they have paid", "Cancelled by Alex Agent"]);
    expect(out[3].note).toBe("Reason shown to the customer: “No money arrived”");
  });

  it("names the API and the expiry plainly, and leaves out a choice never made", () => {
    const out = timelineEntries([ev({ actorType: "api_key", actorName: null }), ev({ id: 2, actorType: "system", fromStatus: "open", toStatus: "expired", createdAt: 5000 })], null);
    expect(out.map((e) => e.title)).toEqual(["Link created by the shop, through the API", "Expired"]);
    expect(out[1].note).toBe("The customer did not pay in time.");
  });

  it("puts a choice made after the last event at the end", () => {
    const out = timelineEntries([ev({})], { name: "Cash", at: 9000 });
    expect(out.at(-1)!.title).toBe("The customer chose Cash");
  });
});
