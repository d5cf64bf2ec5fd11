import { describe, expect, it } from "vitest";
import { Semaphore, type Release } from "./semaphore";

describe("Semaphore", () => {
  it("lets N in, queues the next ones in order, refuses beyond the queue, and hands each slot on as it is released", async () => {
    const s = new Semaphore(2, 2);
    const order: string[] = [];
    const take = (name: string) =>
      s.acquire().then((release) => {
        order.push(release ? `${name} in` : `${name} refused`);
        return release;
      });
    const a = await take("a");
    const b = await take("b");
    const c = take("c");
    const d = take("d");
    const e = await take("e");
    expect(e).toBeNull();
    expect([s.active, s.waiting]).toEqual([2, 2]);
    expect(order).toEqual(["a in", "b in", "e refused"]);

    a!();
    a!(); // a second release of the same slot frees nothing more
    const cRelease = (await c)!;
    expect(order).toEqual(["a in", "b in", "e refused", "c in"]);
    expect([s.active, s.waiting]).toEqual([2, 1]);

    b!();
    const dRelease = (await d)!;
    cRelease();
    dRelease();
    expect(order).toEqual(["a in", "b in", "e refused", "c in", "d in"]);
    expect([s.active, s.waiting]).toEqual([0, 0]);
  });

  it("a waiter whose signal aborts leaves the queue with null and does not take a slot later", async () => {
    const s = new Semaphore(1, 5);
    const held = (await s.acquire()) as Release;
    const controller = new AbortController();
    const gaveUp = s.acquire(controller.signal);
    const patient = s.acquire();
    expect(s.waiting).toBe(2);
    controller.abort();
    expect(await gaveUp).toBeNull();
    expect(s.waiting).toBe(1);
    held();
    const next = await patient;
    expect(next).not.toBeNull();
    expect(s.active).toBe(1);
    next!();
    expect(s.active).toBe(0);
    expect(await s.acquire(AbortSignal.abort())).toBeNull();
  });
});
