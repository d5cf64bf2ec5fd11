// The bank tests' database: a throw-away one (SQLite, or PostgreSQL with TEST_DATABASE_URL) with an agent and a webhook
// endpoint that listens to every event, so each test sees the webhooks its import or match writes.
import { write, type Db } from "../connection";
import { openTestDb, type TestDb } from "../test-db";
import { users } from "../tables";
import { createEndpoint } from "../webhooks";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";

export const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
export const DAY = 86_400_000;
export const IBAN = "DE89370400440532013000";

export async function openBankTestDb(name: string): Promise<{ testDb: TestDb; db: Db; userId: number }> {
  const testDb = await openTestDb(name);
  const [{ id: userId }] = await write(testDb.db, (tx) =>
    tx.insert(users).values({ email: "agent@shop.example", name: "Agent", passwordHash: "x", role: "agent", createdAt: T0 }).returning(),
  );
  await createEndpoint(testDb.db, { url: "https://shop.example/hook", events: [...WEBHOOK_EVENT_TYPES] });
  return { testDb, db: testDb.db, userId };
}
