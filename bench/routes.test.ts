// The bench's reference route handlers exist only for the bench: 404 unless BENCH_ROUTES=1.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as read } from "@/app/api/bench/read/[id]/route";
import { POST as insert } from "@/app/api/bench/insert/route";
import { GET as memory } from "@/app/api/bench/memory/route";
import { benchInsertOne, benchReadOne } from "@/db/bench";
import { openDb, closeDb, sqliteConnections } from "@/db/connection";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-routes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Memory = { collected: boolean; rss: number; heapUsed: number; arrayBuffers: number; pageCacheBytes: number; pageCacheEntries: number };

describe("bench routes", () => {
  it("answer 404 without BENCH_ROUTES=1, touching nothing", async () => {
    delete process.env.BENCH_ROUTES;
    expect((await read(new Request("http://x/api/bench/read/1"), { params: Promise.resolve({ id: "1" }) })).status).toBe(404);
    expect((await insert(new Request("http://x/api/bench/insert", { method: "POST", body: "x" }))).status).toBe(404);
    expect((await memory(new Request("http://x/api/bench/memory?gc=1"))).status).toBe(404);
  });

  it("read one payment by id and insert one row into their own table", async () => {
    const db = openDb(`file:${path.join(dir, "app.db")}`);
    try {
      expect(await benchReadOne(db, 1)).toBeUndefined();
      expect(await benchInsertOne(db, "a")).toBe(1);
      expect(await benchInsertOne(db, "b")).toBe(2);
      expect(sqliteConnections(db).writer.prepare("SELECT count(*) AS n FROM bench_rows").get()).toEqual({ n: 2 });
    } finally {
      closeDb(db);
    }
  });

  it("the memory probe counts the page cache, and after a full collection no longer counts what nothing holds", async () => {
    process.env.BENCH_ROUTES = "1";
    try {
      const PageCacheHandler = createRequire(import.meta.url)("../server/payer-page-cache/next-cache-handler.cjs");
      await new PageCacheHandler().set("probe/$/pay-v/x", { kind: "APP_PAGE", html: "<p>€</p>".repeat(1000), status: 200, headers: {} });
      const probe = async (query = "") => (await (await memory(new Request(`http://x/api/bench/memory${query}`))).json()) as Memory;
      const before = await probe();
      expect(before.collected).toBe(false);
      expect(before.rss).toBeGreaterThan(before.heapUsed);
      expect(before.pageCacheEntries).toBeGreaterThanOrEqual(1);
      expect(before.pageCacheBytes).toBeGreaterThanOrEqual(Buffer.byteLength("<p>€</p>".repeat(1000)));

      let garbage: Uint8Array | null = new Uint8Array(64 * 1024 * 1024).fill(1);
      const held = (await probe()).arrayBuffers;
      expect(held).toBeGreaterThanOrEqual(garbage.byteLength);
      garbage = null;
      await new Promise((r) => setTimeout(r, 0));
      // V8 frees an ArrayBuffer's memory on a background thread after the collection; on a busy machine that can take
      // seconds, so ask again until it has (for up to a minute) rather than read the first answer.
      let after = await probe("?gc=1");
      for (let i = 0; i < 600 && held - after.arrayBuffers < 60 * 1024 * 1024; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await probe("?gc=1");
      }
      expect(after.collected).toBe(true);
      expect(held - after.arrayBuffers).toBeGreaterThanOrEqual(60 * 1024 * 1024);
    } finally {
      delete process.env.BENCH_ROUTES;
    }
  });
});
