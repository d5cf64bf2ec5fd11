// HTTP details an attacker or a shop's client would notice: the language switcher's redirect never leaves the site,
// the payer's page is never stored by any cache, and a wrong method on the API is a 405 problem+json with Allow.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createLink, staffPage } from "./helpers";

test("the language switcher sends the browser back to a page of ours only", async ({ request, baseURL }) => {
  const ours = new URL(baseURL!);
  const go = async (next: string) => {
    const res = await request.get(`/lang?to=ru&next=${next}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(303);
    return new URL(res.headers()["location"], ours);
  };
  // Each starts with one "/", but the URL parser drops tabs and line breaks and reads "\" as "/": "//evil.example".
  for (const next of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%09%5Cevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example%2F", "%2F%09%2Fevil.example%2Fpay%2Fx"]) {
    const to = await go(next);
    expect(to.host, next).toBe(ours.host);
    expect(to.pathname, next).toBe("/");
  }
  const token = "AbCdEfGhIjKlMnOpQrStUv";
  const back = await go(encodeURIComponent(`/pay/${token}`));
  expect(back.host).toBe(ours.host);
  expect(back.pathname).toBe(`/pay/${token}`);
});

test("no cache may keep the payer's page, rendered or answered from memory", async ({ browser, request }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "7", description: "Not stored" });
  const first = await request.get(url);
  expect(first.headers()["x-nextjs-cache"]).toBe("MISS");
  expect(first.headers()["cache-control"]).toBe("private, no-store");
  const again = await request.get(url);
  expect(again.headers()["x-nextjs-cache"]).toBe("HIT");
  expect(again.headers()["cache-control"]).toBe("private, no-store");
});

test("every page answers with a request id: the one it came with when well-formed, a new one otherwise", async ({ request }) => {
  const fresh = (await request.get("/login")).headers()["x-request-id"];
  expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
  expect((await request.get("/login")).headers()["x-request-id"]).not.toBe(fresh);
  const kept = await request.get("/status", { headers: { "x-request-id": "lb-0123456789abcdef" } });
  expect(kept.headers()["x-request-id"]).toBe("lb-0123456789abcdef");
  const replaced = await request.get("/status", { headers: { "x-request-id": "<script>alert(1)</script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

// The API's contract: each route and the methods it answers. Every route file under app/api/v1 must be listed here.
const ROUTES: Record<string, string[]> = {
  "/payments": ["GET", "POST"],
  "/payments/{id}": ["GET"],
  "/payments/{id}/cancel": ["POST"],
  "/statements": ["POST"],
  "/methods": ["GET"],
  "/openapi.json": ["GET"],
};

function routeFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === "[...rest]" ? [] : routeFiles(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(\w+)\]$/, "{$1}")}`);
    return e.name === "route.ts" ? [prefix] : [];
  });
}

test("every API route answers a method it does not have with 405 problem+json naming the ones it has", async ({ request }) => {
  expect(routeFiles(path.resolve("app/api/v1")).sort()).toEqual(Object.keys(ROUTES).sort());
  // The OpenAPI document says the same (it has no entry for itself).
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  for (const [p, item] of Object.entries(doc.paths as Record<string, object>)) expect(Object.keys(item).map((m) => m.toUpperCase()).sort(), p).toEqual(ROUTES[p]);

  for (const [route, methods] of Object.entries(ROUTES)) {
    const url = `/api/v1${route.replace("{id}", "1")}`;
    const allow = [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !allow.split(", ").includes(m))) {
      const res = await request.fetch(url, { method, data: method === "GET" ? undefined : {} });
      expect(res.status(), `${method} ${url}`).toBe(405);
      expect(res.headers()["allow"], `${method} ${url}`).toBe(allow);
      if (method === "HEAD") continue; // no body
      expect(res.headers()["content-type"], `${method} ${url}`).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({ status: 405, title: `${method} is not allowed here.` });
    }
    const options = await request.fetch(url, { method: "OPTIONS" });
    expect(options.status(), `OPTIONS ${url}`).toBe(204);
    expect(options.headers()["allow"], `OPTIONS ${url}`).toBe(allow);
  }
});
