// Replaying captured server-action clicks with other payments, as the bench does (no server needed).
import { describe, expect, it } from "vitest";
import { actionTemplate, approveTemplates, consumer, formPostFromBoundClick, formPostFromMultipartClick, parseMultipart, randomPicker, type CapturedRequest } from "./scenarios";

const TOKEN = "xR7jovCyb72yUmQYC5DXVg";
const OTHER = "AAAAbbbbCCCCddddEEEE_-";
const B = "----WebKitFormBoundaryWAnM0caArIaBBnKq";
const part = (name: string, value: string) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

/** The Confirm click as Chromium sent it (shape captured from a real run). */
const confirmClick: CapturedRequest = {
  url: `http://127.0.0.1:4000/pay/${TOKEN}`,
  method: "POST",
  headers: {
    "next-action": "70b1f6f44f8bf0ce1925d7c170ea1d2916e0b16dc6",
    "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: ["pay", { children: [["token", TOKEN, "d"], {}] }] }])),
    referer: `http://127.0.0.1:4000/pay/${TOKEN}`,
    origin: "http://127.0.0.1:4000",
    accept: "text/x-component",
    "content-type": `multipart/form-data; boundary=${B}`,
    "content-length": "999",
    host: "127.0.0.1:4000",
    cookie: "x=y",
  },
  body: Buffer.from(
    part("_1_$ACTION_REF_2", "") +
      part("_1_$ACTION_2:0", '{"id":"70b1f6f44f8bf0ce1925d7c170ea1d2916e0b16dc6","bound":"$@1"}') +
      part("_1_$ACTION_2:1", `["${TOKEN}",{}]`) +
      part("_1_$ACTION_KEY", "k52fb41e8dac0078ad460af98d6f5376f") +
      part("_1_transactionId", "BENCH-TXN-0001") +
      part("0", `["${TOKEN}",{},"$K1"]`) +
      `--${B}--\r\n`,
  ),
};

const approveClick: CapturedRequest = {
  url: "http://127.0.0.1:4000/dashboard",
  method: "POST",
  headers: { "next-action": "6097051383767075baa70edb803ede02c769627adc", "content-type": "text/plain;charset=UTF-8", origin: "http://127.0.0.1:4000", accept: "text/x-component" },
  body: Buffer.from('[91266,"pending"]'),
};

describe("actionTemplate", () => {
  it("puts another token in the path, the router state tree, the referer and the body, and drops what the load tool sets", () => {
    const req = actionTemplate(confirmClick, TOKEN)(OTHER);
    expect(req.path).toBe(`/pay/${OTHER}`);
    expect(req.method).toBe("POST");
    expect(req.headers!["next-action"]).toBe(confirmClick.headers["next-action"]);
    expect(decodeURIComponent(req.headers!["next-router-state-tree"])).toContain(OTHER);
    expect(req.headers!.referer).toBe(`http://127.0.0.1:4000/pay/${OTHER}`);
    for (const h of ["content-length", "host", "cookie"]) expect(req.headers).not.toHaveProperty(h);
    const body = req.body!.toString();
    expect(body).not.toContain(TOKEN);
    expect(body).toContain(`["${OTHER}",{},"$K1"]`);
  });

  it("replaces a payment id in a JSON body, and adds the session cookie", () => {
    const req = actionTemplate(approveClick, "[91266,", { cookie: "authjs.session-token=abc" })("[7,");
    expect(req.body!.toString()).toBe('[7,"pending"]');
    expect(req.headers!.cookie).toBe("authjs.session-token=abc");
  });

  it("refuses a sample that is not in the body", () => {
    expect(() => actionTemplate(approveClick, "[1,")).toThrow(/does not contain/);
  });
});

describe("form posts without JavaScript", () => {
  it("turns a multipart click into the form's own fields, with an empty file input", () => {
    const form = formPostFromMultipartClick(confirmClick, ["receipt"]);
    expect(form.headers).not.toHaveProperty("next-action");
    expect(form.headers).not.toHaveProperty("next-router-state-tree");
    expect(form.headers.accept).toMatch(/text\/html/);
    const boundary = /boundary=(.+)$/.exec(form.headers["content-type"])![1];
    const parts = parseMultipart(form.body.toString("latin1"), boundary);
    expect(parts.map((p) => p.name)).toEqual(["$ACTION_REF_2", "$ACTION_2:0", "$ACTION_2:1", "$ACTION_KEY", "transactionId", "receipt"]);
    expect(parts.find((p) => p.name === "$ACTION_2:1")?.value).toBe(`["${TOKEN}",{}]`);
    expect(parts.find((p) => p.name === "receipt")).toMatchObject({ filename: "", value: "" });
    // And it still works as a template.
    const req = actionTemplate(form, TOKEN)(OTHER);
    expect(req.path).toBe(`/pay/${OTHER}`);
    expect(req.body!.toString()).toContain(`["${OTHER}",{}]`);
  });

  it("builds React's $ACTION_ fields for a bound action from its JSON arguments", () => {
    const form = formPostFromBoundClick(approveClick);
    const boundary = /boundary=(.+)$/.exec(form.headers["content-type"])![1];
    const parts = parseMultipart(form.body.toString("latin1"), boundary);
    expect(parts).toEqual([
      { name: "$ACTION_REF_1", value: "" },
      { name: "$ACTION_1:0", value: '{"id":"6097051383767075baa70edb803ede02c769627adc","bound":"$@1"}' },
      { name: "$ACTION_1:1", value: '[91266,"pending"]' },
    ]);
  });
});

describe("approveTemplates", () => {
  it("replays a bound action by its JSON arguments, and posts it as React's $ACTION_ fields", () => {
    const t = approveTemplates(approveClick, { cookie: "c=1" });
    expect(t.id).toBe("91266");
    expect(t.click(7).body!.toString()).toBe('[7,"pending"]');
    expect(t.form(7).body!.toString()).toContain('[7,"pending"]');
  });

  it("replays a form whose pressed button sends paymentId, and posts it without React's prefix", () => {
    const click: CapturedRequest = {
      ...approveClick,
      headers: { ...approveClick.headers, "content-type": `multipart/form-data; boundary=${B}` },
      body: Buffer.from(part("_1_paymentId", "75404") + part("_1_$ACTION_ID_40f1", "") + part("0", '["$K1"]') + `--${B}--\r\n`),
    };
    const t = approveTemplates(click, { cookie: "c=1" });
    expect(t.id).toBe("75404");
    const body = t.click(9).body!.toString();
    expect(body).toContain('name="_1_paymentId"\r\n\r\n9\r\n');
    expect(body).not.toContain("75404");
    const form = t.form(9);
    const parts = parseMultipart(form.body!.toString("latin1"), /boundary=(.+)$/.exec(form.headers!["content-type"])![1]);
    expect(parts).toEqual([
      { name: "paymentId", value: "9" },
      { name: "$ACTION_ID_40f1", value: "" },
    ]);
    expect(form.headers!.cookie).toBe("c=1");
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
