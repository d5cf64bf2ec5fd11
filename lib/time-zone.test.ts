import { describe, expect, it } from "vitest";
import { formatInZone, TIME_ZONE_SCRIPT, validTimeZone } from "./time-zone";

const MS = Date.UTC(2026, 10, 27, 22, 5);

describe("validTimeZone", () => {
  it("accepts IANA zones this runtime knows, URL-encoded or not", () => {
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("America%2FNew_York")).toBe("America/New_York");
    expect(validTimeZone("UTC")).toBe("UTC");
  });

  it("refuses unknown, malformed and missing values", () => {
    for (const v of [undefined, null, "", "Mars/Olympus", "Europe/Berlin;x", "%E0%A4%A", "<script>", "a".repeat(80)]) expect(validTimeZone(v)).toBeNull();
  });
});

describe("formatInZone", () => {
  it("formats in the viewer's zone without a label", () => {
    expect(formatInZone(MS, "Europe/Berlin")).toBe("Nov 27, 2026, 11:05 PM");
    expect(formatInZone(MS, "Asia/Tokyo", { withTime: false })).toBe("Nov 28, 2026");
  });

  it("falls back to UTC and says so", () => {
    expect(formatInZone(MS, null)).toBe("Nov 27, 2026, 10:05 PM UTC");
    expect(formatInZone(MS, null, { withTime: false })).toBe("Nov 27, 2026");
  });
});

describe("TIME_ZONE_SCRIPT", () => {
  it("sets the cookie once, to the browser's zone", () => {
    const doc = { cookie: "" };
    new Function("document", TIME_ZONE_SCRIPT)(doc);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(doc.cookie).toBe(`tz=${encodeURIComponent(zone)};path=/;max-age=31536000;samesite=lax`);
    // A browser's document.cookie then reads back as "tz=<zone>": the script leaves it alone.
    const again = { cookie: `tz=${encodeURIComponent(zone)}` };
    new Function("document", TIME_ZONE_SCRIPT)(again);
    expect(again.cookie).toBe(`tz=${encodeURIComponent(zone)}`);
  });
});
