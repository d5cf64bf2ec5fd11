// Replaying captured clicks (form posts) with other payments, as the bench does (no server needed).
import { describe, expect, it } from "vitest";
import { approveTemplate, clickTemplate, consumer, randomPicker, type CapturedRequest } from "./scenarios";

const TOKEN = "xR7jovCyb72yUmQYC5DXVg";
const OTHER = "AAAAbbbbCCCCddddEEEE_-";
const B = "----WebKitFormBoundaryWAnM0caArIaBBnKq";

/** The Confirm click as Chromium sends it: a multipart form post to /pay/<token>/confirm. */
const confirmClick: CapturedRequest = {
  url: `http://127.0.0.1:4000/pay/${TOKEN}/confirm`,
  method: "POST",
  headers: {
    referer: `http://127.0.0.1:4000/pay/${TOKEN}`,
    origin: "http://127.0.0.1:4000",
    "sec-fetch-site": "same-origin",
    accept: "text/html,application/xhtml+xml",
    "content-type": `multipart/form-data; boundary=${B}`,
    "content-length": "999",
    host: "127.0.0.1:4000",
    cookie: "x=y",
  },
  body: Buffer.from(
    `--${B}\r\nContent-Disposition: form-data; name="transactionId"\r\n\r\nBENCH-TXN-0001\r\n` +
      `--${B}\r\nContent-Disposition: form-data; name="receipt"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${B}--\r\n`,
  ),
};

/** The Approve click: a url-encoded post of the page's Approve form, the pressed button's paymentId among its fields. */
const approveClick: CapturedRequest = {
  url: "http://127.0.0.1:4000/dashboard/decide/approve",
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:4000", accept: "text/html" },
  body: Buffer.from("cursor=abc&paymentId=91266"),
};

describe("clickTemplate", () => {
  it("puts another token in the path and the referer, keeps the body, and drops what the load tool sets", () => {
    const req = clickTemplate(confirmClick, TOKEN)(OTHER);
    expect(req.path).toBe(`/pay/${OTHER}/confirm`);
    expect(req.method).toBe("POST");
    expect(req.headers!.referer).toBe(`http://127.0.0.1:4000/pay/${OTHER}`);
    expect(req.headers!.origin).toBe("http://127.0.0.1:4000");
    for (const h of ["content-length", "host", "cookie"]) expect(req.headers).not.toHaveProperty(h);
    expect(Buffer.from(req.body!).equals(confirmClick.body)).toBe(true);
  });

  it("refuses a sample that is neither in the path nor in the body", () => {
    expect(() => clickTemplate(approveClick, "paymentId=1&")).toThrow(/has no paymentId=1&/);
  });
});

describe("approveTemplate", () => {
  it("replays the form post with another payment's id, and adds the session cookie", () => {
    const t = approveTemplate(approveClick, { cookie: "authjs.session-token=abc" });
    expect(t.id).toBe("91266");
    const req = t.post(7);
    expect(req.path).toBe("/dashboard/decide/approve");
    expect(req.body!.toString()).toBe("cursor=abc&paymentId=7");
    expect(req.headers!.cookie).toBe("authjs.session-token=abc");
    expect(() => approveTemplate({ ...approveClick, body: Buffer.from("paymentId=") })).toThrow(/unexpected Approve/);
  });
});

describe("pools", () => {
  it("gives each payment once to a write scenario, then null", () => {
    const take = consumer([1, 2]);
    expect([take(), take(), take()]).toEqual([1, 2, null]);
  });

  it("picks at random from a read pool, and null from an empty one", () => {
    const pick = randomPicker(["a", "b"], () => 0.99);
    expect(pick()).toBe("b");
    expect(randomPicker([])()).toBeNull();
  });
});
