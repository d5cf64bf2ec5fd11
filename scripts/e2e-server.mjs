// Starts the production build on a fresh, seeded database for the Playwright suite.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const port = process.argv[2] || "3100";
const dataDir = path.resolve(".e2e-data");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dataDir, "app.db")}`,
  UPLOAD_DIR: path.join(dataDir, "uploads"),
  AUTH_SECRET: "e2e-only-secret-not-for-production-000000",
  AUTH_TRUST_HOST: "true",
  TRUST_PROXY: "1",
  APP_URL: `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};

const seed = spawnSync(process.execPath, ["--import", "tsx", "db/seed.ts"], { env, stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const server = spawn(process.execPath, [nextBin, "start", "-p", port], { env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
