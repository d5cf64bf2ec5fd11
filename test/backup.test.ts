// `npm run backup`: a copy taken while another process keeps writing opens, passes integrity_check, and holds a
// consistent state (every writer transaction whole); an existing file is never overwritten; PostgreSQL is pointed to
// pg_dump.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackupError, backupSqliteFile } from "@/db/backup";
import { closeDb, openDb, writeTransaction } from "@/db/connection";
import { users } from "@/db/tables";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

let dir: string;
let dbFile: string;
let writer: ChildProcess | null = null;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-backup-"));
  dbFile = path.join(dir, "app.db");
  const db = openDb(`file:${dbFile}`);
  const padding = "x".repeat(400);
  await writeTransaction(db, async (tx) => {
    for (let i = 0; i < 3000; i++) {
      await tx.insert(users).values({ email: `seed${i}@example.com`, name: `Seed ${i} ${padding}`, passwordHash: "x", role: "agent", createdAt: i });
    }
  });
  closeDb(db);
});

afterEach(() => {
  writer?.kill("SIGKILL");
  writer = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Another process that commits, as fast as it can, transactions of two users each ("wN-a" and "wN-b"). */
function startWriter(): Promise<void> {
  const code = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare("INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?, ?, 'x', 'agent', 0)");
    const pair = db.transaction((i) => { insert.run("w" + i + "-a@example.com", "a".repeat(300)); insert.run("w" + i + "-b@example.com", "b".repeat(300)); });
    for (let i = 0; ; i++) { pair.immediate(i); if (i === 50) process.stdout.write("writing\\n"); }
  `;
  writer = spawn(process.execPath, ["-e", code, dbFile], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    writer!.stdout!.on("data", (c: Buffer) => c.toString().includes("writing") && resolve());
    writer!.on("exit", (code) => reject(new Error(`writer exited with ${code}`)));
  });
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "backup.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("backupSqliteFile", () => {
  it("copies a database that another process is writing to: whole transactions only, integrity ok", async () => {
    await startWriter();
    const copy = path.join(dir, "copy.db");
    const { bytes } = await backupSqliteFile(dbFile, copy);
    writer!.kill("SIGKILL");
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(bytes).toBe(fs.statSync(copy).size);

    const restored = new Database(copy, { readonly: true });
    try {
      expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
      const count = (where: string) => (restored.prepare(`SELECT count(*) AS n FROM users WHERE ${where}`).get() as { n: number }).n;
      expect(count("email LIKE 'seed%'")).toBe(3000);
      const a = count("email LIKE 'w%-a@example.com'");
      const b = count("email LIKE 'w%-b@example.com'");
      expect(a).toBeGreaterThan(50);
      // Each of the writer's transactions is in the copy entirely or not at all.
      expect(b).toBe(a);
    } finally {
      restored.close();
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("refuses to overwrite a file that exists, and leaves it as it was", async () => {
    const existing = path.join(dir, "existing.db");
    fs.writeFileSync(existing, "keep me");
    await expect(backupSqliteFile(dbFile, existing)).rejects.toBeInstanceOf(BackupError);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
  });
});

describe("npm run backup", () => {
  it("writes the copy and prints its size and the time; a second run to the same file fails", async () => {
    const copy = path.join(dir, "nightly.db");
    const first = await cli([copy], { DATABASE_URL: `file:${dbFile}` });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Backup written to .*nightly\.db: \d+(\.\d)? MB in \d+\.\d s \(\d{4}-\d\d-\d\dT/);
    const again = await cli([copy], { DATABASE_URL: `file:${dbFile}` });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  }, 30_000);

  it("on PostgreSQL points to pg_dump and exits 2, writing nothing", async () => {
    const copy = path.join(dir, "pg.db");
    const run = await cli([copy], { DATABASE_URL: "postgres://user:secret@db.example:5432/app" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pg_dump");
    expect(run.stderr).not.toContain("secret");
    expect(fs.existsSync(copy)).toBe(false);
  }, 30_000);
});
