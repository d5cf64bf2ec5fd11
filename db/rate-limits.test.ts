import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, openDatabase, type Db } from "./connection";
import { openTestDb, type TestDb } from "./test-db";
import { databaseBuckets, leaseFromBucket, purgeIdleBuckets } from "./rate-limits";
import { LeasedRateLimiter } from "@/lib/rate-limit";

let testDb: TestDb;
const opened: Db[] = [];
/** Another connection to the test's database, as another process or instance would have. */
const open = async () => {
  const db = await openDatabase(testDb.url, { runMigrations: false });
  opened.push(db);
  return db;
};

beforeEach(async () => {
  testDb = await openTestDb("rate");
});

afterEach(async () => {
  for (const db of opened.splice(0)) await closeDb(db);
  await testDb.close();
});

const rule = { capacity: 30, perSecond: 1 };

describe("API rate buckets in the database", () => {
  it("two limiters (as two instances) draw on one bucket per key through the table", async () => {
    // One connection pair for both: two in one process would block each other's write lock (one per process in use).
    const a = testDb.db;
    const b = a;
    const t = 10_000_000;
    const limiterA = new LeasedRateLimiter(databaseBuckets(async () => a, rule), 4);
    const limiterB = new LeasedRateLimiter(databaseBuckets(async () => b, rule), 4);
    const waits = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? limiterA : limiterB).take("key:1", t)));
    expect(waits.filter((w) => w === 0)).toHaveLength(30);
    // Another key has a bucket of its own; the first refills with time.
    expect(await limiterA.take("key:2", t)).toBe(0);
    expect(await limiterB.take("key:1", t + 4000)).toBe(0);
  });

  it("keeps the bucket between leases and says how long to wait when it is empty", async () => {
    const db = testDb.db;
    expect(await leaseFromBucket(db, rule, "k", 30, 0)).toMatchObject({ granted: 30 });
    expect(await leaseFromBucket(db, rule, "k", 1, 250)).toMatchObject({ granted: 0, waitMs: 750 });
    expect(await leaseFromBucket(await open(), rule, "k", 5, 2000)).toMatchObject({ granted: 2 });
  });

  it("forgets buckets idle long enough to be full again, and keeps the others", async () => {
    const db = testDb.db;
    await leaseFromBucket(db, rule, "old", 1, 0);
    await leaseFromBucket(db, rule, "new", 1, 50_000);
    expect(await purgeIdleBuckets(db, 40_000, 60_000)).toBe(1);
    expect(await leaseFromBucket(db, rule, "new", 30, 50_000)).toMatchObject({ granted: 29 });
  });
});
