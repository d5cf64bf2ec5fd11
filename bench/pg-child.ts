// The bench's PostgreSQL work that needs the app's own modules (seeding, the query builders): db/tables.ts picks its
// table set from DATABASE_URL when it loads, so this runs in a process of its own whose DATABASE_URL is PostgreSQL,
// started by runPgChild (bench/run.ts). Usage: tsx bench/pg-child.ts <seed|inprocess> <args JSON> <result file>
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type PgSeedArgs = { url: string; payments: number; writePool: number; reuse: boolean };
export type PgInProcessArgs = { url: string; payments: number };

/** Runs one command in a child process on PostgreSQL; its log lines pass through, its result comes back as JSON. */
export async function runPgChild<T>(command: "seed" | "inprocess", args: object, url: string, log: (s: string) => void): Promise<T> {
  const out = path.join(os.tmpdir(), `bench-pg-${process.pid}-${Date.now()}.json`);
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, path.join("bench", "pg-child.ts"), command, JSON.stringify(args), out], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pass = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) log(line);
  };
  child.stdout.on("data", pass);
  child.stderr.on("data", pass);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`The PostgreSQL ${command} step failed (exit ${code})`);
  try {
    return JSON.parse(fs.readFileSync(out, "utf8")) as T;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

async function child(command: string, args: string, out: string): Promise<void> {
  const log = (s: string) => console.log(s);
  let result: unknown;
  if (command === "seed") {
    const { seedPostgres } = await import("./seed-pg");
    result = await seedPostgres({ ...(JSON.parse(args) as PgSeedArgs), log });
  } else if (command === "inprocess") {
    const { pgInProcess } = await import("./queries-pg");
    result = await pgInProcess(JSON.parse(args) as PgInProcessArgs);
  } else throw new Error(`Unknown command ${command}`);
  fs.writeFileSync(out, JSON.stringify(result));
}

if (process.argv[1] && /bench[\\/]pg-child\.ts$/.test(process.argv[1])) {
  const [command, args, out] = process.argv.slice(2);
  child(command, args, out).then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
