// The bench's reference route handlers exist only for the bench: 404 unless BENCH_ROUTES=1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as read } from "@/app/api/bench/read/[id]/route";
import { POST as insert } from "@/app/api/bench/insert/route";
import { benchInsertOne, benchReadOne } from "@/db/bench";
import { openDb } from "@/db/client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-routes-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("bench routes", () => {
  it("answer 404 without BENCH_ROUTES=1, touching nothing", async () => {
    delete process.env.BENCH_ROUTES;
    expect((await read(new Request("http://x/api/bench/read/1"), { params: Promise.resolve({ id: "1" }) })).status).toBe(404);
    expect((await insert(new Request("http://x/api/bench/insert", { method: "POST", body: "x" }))).status).toBe(404);
  });

  it("read one payment by id and insert one row into their own table", () => {
    const db = openDb(`file:${path.join(dir, "app.db")}`);
    try {
      expect(benchReadOne(db, 1)).toBeUndefined();
      expect(benchInsertOne(db, "a")).toBe(1);
      expect(benchInsertOne(db, "b")).toBe(2);
      expect(db.$client.prepare("SELECT count(*) AS n FROM bench_rows").get()).toEqual({ n: 2 });
    } finally {
      db.$client.close();
    }
  });
});
