import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { isWebhookSecret, newWebhookSecret, signWebhook, webhookHeaders } from "./signing";

describe("signWebhook", () => {
  it("reproduces the Standard Webhooks specification's published example", () => {
    expect(signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("produces headers the reference library verifies, and a changed body fails", () => {
    const secret = newWebhookSecret();
    expect(isWebhookSecret(secret)).toBe(true);
    const body = JSON.stringify({ type: "payment.approved", data: { id: 7 } });
    const ts = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders(secret, "msg_abc", ts, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("7", "8"), headers)).toThrow();
  });

  it("rejects malformed secrets", () => {
    expect(isWebhookSecret("whsec_")).toBe(false);
    expect(isWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(false);
    expect(isWebhookSecret("whsec_not base64!")).toBe(false);
  });
});
