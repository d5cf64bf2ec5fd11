// The alternating rounds against a local server that answers every request: one ratio per round for each write, the
// order turned by one place each round, and nothing without the insert to hold the writes against.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stats } from "./queries";
import { rotate, writeRounds } from "./rounds";
import type { Scenario } from "./scenarios";

let server: http.Server;
let base = "";
const firstHits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const name = (req.url ?? "").slice(1);
    if (firstHits.at(-1) !== name) firstHits.push(name);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const scenario = (id: string): Scenario => ({ id, group: "8", name: id, connections: 2, expected: [200], next: () => ({ method: "GET", path: `/${id}` }) });

describe("writeRounds", () => {
  it("gives each write one ratio per round, against the insert of the same round, the order rotating", async () => {
    const result = await writeRounds([scenario("static"), scenario("ref-insert"), scenario("confirm")], { baseUrl: base, rounds: 2, duration: 1, warmup: 0 });
    expect(result?.scenarios.map((s) => [s.id, s.ratios.length])).toEqual([["confirm", 2]]);
    for (const x of result!.scenarios[0].ratios) expect(x).toBeGreaterThan(0);
    expect(result!.scenarios[0].median).toBe(stats(result!.scenarios[0].ratios).p50);
    // The static page is not part of the rounds; the second round starts with the write (so the two runs of Confirm
    // follow each other: insert, Confirm | Confirm, insert; without the rotation the insert would come a third time).
    expect(firstHits).toEqual(["ref-insert", "confirm", "ref-insert"]);
  }, 60_000);

  it("runs nothing without the one-row insert, or without a write, or with no rounds", async () => {
    const o = { baseUrl: base, rounds: 2, duration: 1, warmup: 0 };
    expect(await writeRounds([scenario("confirm")], o)).toBeNull();
    expect(await writeRounds([scenario("ref-insert")], o)).toBeNull();
    expect(await writeRounds([scenario("ref-insert"), scenario("confirm")], { ...o, rounds: 0 })).toBeNull();
  });
});

describe("rotate", () => {
  it("turns the order by the round's number", () => {
    expect([0, 1, 2, 3].map((r) => rotate(["i", "c", "a"], r).join(""))).toEqual(["ica", "cai", "aic", "ica"]);
  });
});
