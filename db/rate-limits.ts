// The API rate limit's buckets in the database, so that every app instance draws on the same one per key. Instances
// lease a few tokens at a time (lib/rate-limit.ts), so this runs once per lease, not once per request.
import { eq, lt } from "drizzle-orm";
import { writeTransaction, type Db } from "./connection";
import { lockKeyForTransaction } from "./dialect";
import { apiRateBuckets } from "./tables";
import { leaseTokens, type BucketRule, type BucketStore, type Lease } from "@/lib/rate-limit";

/**
 * Takes up to `want` tokens from a key's bucket in one write transaction: read the row, apply leaseTokens, store it.
 * SQLite's transaction holds the write lock from its start (BEGIN IMMEDIATE), and PostgreSQL's takes the key's
 * advisory lock first, so two leases (of any instances) never read the same row.
 */
export async function leaseFromBucket(db: Db, rule: BucketRule, key: string, want: number, now = Date.now()): Promise<Lease> {
  return writeTransaction(db, async (tx) => {
    await lockKeyForTransaction(tx, `api-rate:${key}`);
    const [row] = await tx.select({ milliTokens: apiRateBuckets.milliTokens, at: apiRateBuckets.countedAt }).from(apiRateBuckets).where(eq(apiRateBuckets.key, key));
    const lease = leaseTokens(row ?? null, rule, want, now);
    const stored = { milliTokens: lease.bucket.milliTokens, countedAt: lease.bucket.at };
    await tx
      .insert(apiRateBuckets)
      .values({ key, ...stored })
      .onConflictDoUpdate({ target: apiRateBuckets.key, set: stored });
    return lease;
  });
}

/** A BucketStore on this database, for LeasedRateLimiter. */
export function databaseBuckets(db: () => Promise<Db>, rule: BucketRule): BucketStore {
  return async (key, want, now) => leaseFromBucket(await db(), rule, key, want, now);
}

/** Forgets buckets untouched for `idleMs` (by then they are full again, the same as a missing row). */
export async function purgeIdleBuckets(db: Db, idleMs: number, now = Date.now()): Promise<number> {
  return writeTransaction(db, async (tx) => (await tx.delete(apiRateBuckets).where(lt(apiRateBuckets.countedAt, now - idleMs)).returning({ key: apiRateBuckets.key })).length);
}
