import { describe, expect, it } from "vitest";
import { cachedPagePolicy, freshPagePolicy } from "./page-policy";

const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

describe("page policies", () => {
  it("give a cached page the same nonce on every answer, and each page its own", () => {
    const page = "AbCdEfGhIjKlMnOpQrStUv.en.3.1";
    expect(nonceOf(cachedPagePolicy(page))).toBeTruthy();
    expect(cachedPagePolicy(page)).toBe(cachedPagePolicy(page));
    expect(nonceOf(cachedPagePolicy(`${page}.choose`))).not.toBe(nonceOf(cachedPagePolicy(page)));
  });

  it("keep a page's nonce when many other pages were answered since", () => {
    const page = "ZyXwVuTsRqPoNmLkJiHgFe.ru.1.1";
    const before = cachedPagePolicy(page);
    for (let i = 0; i < 10_000; i++) cachedPagePolicy(`other-${i}`);
    expect(cachedPagePolicy(page)).toBe(before);
  });

  it("give a page rendered per request a nonce of its own each time", () => {
    expect(nonceOf(freshPagePolicy())).not.toBe(nonceOf(freshPagePolicy()));
  });
});
