// Starts the production build on a fresh, seeded database for the Playwright suite.
// Usage: node scripts/e2e-server.mjs PORT [DATA_DIR] [--keep]   (--keep: reuse the data dir as it is, no seeding)
// With E2E_PG_DATABASE=NAME (and TEST_DATABASE_URL naming a PostgreSQL server) the database is NAME on that server,
// made anew unless --keep (so a second instance can join the first one's database); receipts stay in DATA_DIR/uploads.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const args = process.argv.slice(2);
const keep = args.includes("--keep");
const [port = "3100", dir = ".e2e-data"] = args.filter((a) => a !== "--keep");
const dataDir = path.resolve(dir);
if (!keep) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
}

const pgName = process.env.E2E_PG_DATABASE;
let databaseUrl = `file:${path.join(dataDir, "app.db")}`;
if (pgName) {
  if (!process.env.TEST_DATABASE_URL) throw new Error("E2E_PG_DATABASE needs TEST_DATABASE_URL");
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(pgName)) throw new Error(`Bad database name "${pgName}"`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  if (!keep) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${pgName}"`);
    await client.end();
  }
  url.pathname = `/${pgName}`;
  databaseUrl = url.toString();
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  UPLOAD_DIR: path.join(dataDir, "uploads"),
  // The seed's sample statement goes with the suite's data, not into the demo's ./data.
  DEMO_STATEMENT_DIR: dataDir,
  AUTH_SECRET: "e2e-only-secret-not-for-production-000000",
  AUTH_TRUST_HOST: "true",
  TRUST_PROXY: "1",
  APP_URL: `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // Retries a thousand times faster, so a test sees "500, 500, then 200" in well under a second.
  WEBHOOK_RETRY_SCALE: process.env.WEBHOOK_RETRY_SCALE ?? "0.001",
  // The suite's webhook receivers listen on this machine, which production refuses (docs/integration.md).
  WEBHOOK_ALLOW_PRIVATE: process.env.WEBHOOK_ALLOW_PRIVATE ?? "1",
  API_RATE_LIMIT_PER_MINUTE: process.env.API_RATE_LIMIT_PER_MINUTE ?? "600",
  // The server's log (server/logger.ts) says only what went wrong, so the suite's output stays readable.
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};

if (!keep) {
  const seed = spawnSync(process.execPath, ["--import", "tsx", "db/seed.ts"], { env, stdio: "inherit" });
  if (seed.status !== 0) process.exit(seed.status ?? 1);
}

const nextBin = path.resolve("node_modules/next/dist/bin/next");
// Loopback only, as behind a reverse proxy: Next.js treats a server named 127.0.0.1 differently from "localhost" in
// places (proxy rewrites, a server action's redirect), so the suite runs the way production usually does.
// With the Node.js flags `npm start` uses (package.json), so the suite runs under the same heap cap as production.
const startScript = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.start;
const nodeFlags = startScript.match(/(?<=^node\s(?:.*\s)?)--[a-z-]+=\S+/g) ?? [];
const server = spawn(process.execPath, [...nodeFlags, nextBin, "start", "-H", "127.0.0.1", "-p", port], { env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
