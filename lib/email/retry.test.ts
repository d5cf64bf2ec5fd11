import { describe, expect, it } from "vitest";
import { backoffDelay, BACKOFF_MS, classifySendResult, MAX_ATTEMPTS, nextStep, responseForLog, totalRetryWindow, type SendResult } from "./retry";

const MIN = 60_000;
const HOUR = 60 * MIN;
const sent: SendResult = { ok: true, code: 250, response: "250 2.0.0 OK queued as 123", messageId: "<m@x>" };
const answer = (code: number | null, errorCode: string | null = code === null ? null : "EENVELOPE"): SendResult => ({
  ok: false,
  code,
  response: code === null ? "connect ECONNREFUSED 127.0.0.1:2525" : `${code} something`,
  errorCode,
});

describe("classifySendResult", () => {
  it("success is sent", () => {
    expect(classifySendResult(sent)).toBe("sent");
  });

  it.each([550, 551, 552, 553, 554, 500, 521])("a %i answer is failed for good", (code) => {
    expect(classifySendResult(answer(code))).toBe("failed");
    expect(classifySendResult(answer(code, "EMESSAGE"))).toBe("failed");
  });

  it.each([421, 450, 451, 452, 454])("a %i answer is tried again", (code) => {
    expect(classifySendResult(answer(code))).toBe("retry");
  });

  it.each(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS"])("%s without an answer is tried again", (errorCode) => {
    expect(classifySendResult(answer(null, errorCode))).toBe("retry");
  });

  it("a failed login is tried again even with its 5xx: the settings are wrong, not the message", () => {
    expect(classifySendResult(answer(535, "EAUTH"))).toBe("retry");
  });

  it("a message nodemailer refuses before any answer is failed; an unknown error is tried again", () => {
    expect(classifySendResult(answer(null, "EENVELOPE"))).toBe("failed");
    expect(classifySendResult(answer(null, "EMESSAGE"))).toBe("failed");
    expect(classifySendResult(answer(null, null))).toBe("retry");
    expect(classifySendResult(answer(null, "EPROTOCOL"))).toBe("retry");
  });
});

describe("the backoff schedule", () => {
  it("waits 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then 24 h", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(backoffDelay)).toEqual([MIN, 5 * MIN, 30 * MIN, 2 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 24 * HOUR, 24 * HOUR]);
    expect(Math.max(...BACKOFF_MS)).toBe(24 * HOUR);
    expect(() => backoffDelay(0)).toThrow(RangeError);
    expect(() => backoffDelay(1.5)).toThrow(RangeError);
  });

  it("gives up after about three days of attempts", () => {
    expect(MAX_ATTEMPTS).toBe(9);
    const window = totalRetryWindow();
    expect(window).toBe(MIN + 5 * MIN + 30 * MIN + 2 * HOUR + 6 * HOUR + 12 * HOUR + 24 * HOUR + 24 * HOUR);
    expect(window / (24 * HOUR)).toBeGreaterThan(2.5);
    expect(window / (24 * HOUR)).toBeLessThan(3.5);
  });
});

describe("nextStep", () => {
  const now = Date.UTC(2026, 11, 5, 12, 0);

  it("sent and 5xx are final; a 5xx is 'rejected'", () => {
    expect(nextStep({ result: sent, attempts: 1, now })).toEqual({ state: "sent" });
    expect(nextStep({ result: answer(550), attempts: 1, now })).toEqual({ state: "failed", reason: "rejected" });
  });

  it("a 451 is tried again after the schedule's wait", () => {
    expect(nextStep({ result: answer(451), attempts: 1, now })).toEqual({ state: "retry", at: now + MIN });
    expect(nextStep({ result: answer(null, "ECONNECTION"), attempts: 4, now })).toEqual({ state: "retry", at: now + 2 * HOUR });
  });

  it("walks the schedule to the last attempt, then gives up as 'exhausted'", () => {
    let t = now;
    const times: number[] = [];
    for (let attempts = 1; ; attempts++) {
      const step = nextStep({ result: answer(451), attempts, now: t });
      if (step.state !== "retry") {
        expect(step).toEqual({ state: "failed", reason: "exhausted" });
        expect(attempts).toBe(MAX_ATTEMPTS);
        break;
      }
      t = step.at;
      times.push(t);
    }
    expect(times).toHaveLength(MAX_ATTEMPTS - 1);
    expect(t - now).toBe(totalRetryWindow());
  });

  it("scales the waits for tests", () => {
    expect(nextStep({ result: answer(451), attempts: 2, now, scale: 0.001 })).toEqual({ state: "retry", at: now + 300 });
  });
});

describe("responseForLog", () => {
  it("keeps the server's answer on one bounded line", () => {
    expect(responseForLog("550-5.1.1 No such user\r\n550 5.1.1 Try again")).toBe("550-5.1.1 No such user 550 5.1.1 Try again");
    const long = responseForLog("x".repeat(2000));
    expect(long).toHaveLength(500);
    expect(long.endsWith("…")).toBe(true);
  });
});
