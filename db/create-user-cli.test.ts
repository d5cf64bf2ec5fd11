// The `npm run user:create` CLI, run as a real child process against a throw-away DATABASE_URL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, closeDb } from "./connection";
import { users } from "./tables";
import { userByEmail, verifyPassword } from "./users";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = path.join(ROOT, "db", "create-user.ts");

let dir: string;
let dbFile: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-cli-"));
  dbFile = path.join(dir, "app.db");
});

afterEach(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
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

/** The users in the temp database, read after the CLI has exited. */
async function storedUsers() {
  if (!fs.existsSync(dbFile)) return [];
  const db = openDb(`file:${dbFile}`);
  try {
    return (await db.select().from(users));
  } finally {
    closeDb(db);
  }
}

describe("user:create CLI", { timeout: 300_000 }, () => {
  it("creates the user and exits 0", async () => {
    const r = await cli("--email", "Owner@Shop.example", "--password", "a-strong-passphrase", "--role", "admin", "--name", "Olga Owner");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("owner@shop.example");

    const db = openDb(`file:${dbFile}`);
    try {
      const u = (await userByEmail(db, "owner@shop.example"))!;
      expect(u).toMatchObject({ email: "owner@shop.example", role: "admin", name: "Olga Owner", active: true });
      expect(await verifyPassword("a-strong-passphrase", u.passwordHash)).toBe(true);
    } finally {
      closeDb(db);
    }
    // It wrote to the database it was told to use, nowhere else.
    expect(await storedUsers()).toHaveLength(1);
  });

  it("rejects a bad email with a non-zero exit and says what is wrong", async () => {
    const r = await cli("--email", "not-an-email", "--password", "a-strong-passphrase", "--role", "agent");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not-an-email/);
    expect(r.stderr).toMatch(/not a valid email/i);
    expect(await storedUsers()).toHaveLength(0);
  });

  it("rejects a password shorter than 10 characters", async () => {
    const r = await cli("--email", "agent@shop.example", "--password", "short", "--role", "agent");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/at least 10 characters/);
    expect(await storedUsers()).toHaveLength(0);
  });

  it("rejects an unknown role", async () => {
    const r = await cli("--email", "agent@shop.example", "--password", "a-strong-passphrase", "--role", "superuser");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/admin.*agent/);
    expect(await storedUsers()).toHaveLength(0);
  });

  it("refuses an email that already has an account, keeping the original password", async () => {
    expect((await cli("--email", "agent@shop.example", "--password", "first-passphrase", "--role", "agent")).code).toBe(0);
    const r = await cli("--email", "AGENT@shop.example", "--password", "second-passphrase", "--role", "admin");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/already exists/);
    const stored = await storedUsers();
    expect(stored).toHaveLength(1);
    expect(stored[0].role).toBe("agent");
    expect(await verifyPassword("first-passphrase", stored[0].passwordHash)).toBe(true);
  });

  it("without --role prints the usage and does not touch the database", async () => {
    const r = await cli("--email", "agent@shop.example", "--password", "a-strong-passphrase");
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(1);
    expect(r.stderr).toMatch(/--role/);
    expect(r.stderr).toMatch(/Usage:/);
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it("with an unknown option prints the usage", async () => {
    const r = await cli("--email", "agent@shop.example", "--password", "a-strong-passphrase", "--role", "agent", "--admin");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--admin/);
    expect(r.stderr).toMatch(/Usage:/);
    expect(fs.existsSync(dbFile)).toBe(false);
  });
});
