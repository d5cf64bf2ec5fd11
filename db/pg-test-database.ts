// For tests: a fresh PostgreSQL database each, on the server TEST_DATABASE_URL names, dropped afterwards. Suites that
// need one are declared with describeWithPostgres and are skipped, saying why, when the variable is unset.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

const HOW_TO_RUN = "set TEST_DATABASE_URL to run, e.g. postgres://postgres@127.0.0.1:5432/test";

/** describe() that runs only with TEST_DATABASE_URL set; without it the suite's title says how to run it. */
export function describeWithPostgres(title: string, fn: () => void): void {
  describe.skipIf(!TEST_DATABASE_URL)(TEST_DATABASE_URL ? title : `${title} (skipped: ${HOW_TO_RUN})`, fn);
}

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

/** Creates `<prefix>_<random>` on TEST_DATABASE_URL's server. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error(`No test database: ${HOW_TO_RUN}`);
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`Bad database name prefix "${prefix}"`);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE: a pool a failed test left open must not keep the database alive.
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
