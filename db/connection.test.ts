// The two connections of a database and writeTransaction: transactions never interleave, even when they await between
// statements; the reader never sees uncommitted rows; a throw rolls everything back; the reader refuses writes; the
// transactions of one turn of the event loop share a COMMIT (./group-commit).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, openDb, sqliteConnections, writeTransaction, type Db } from "./connection";
import { users } from "./tables";
import { GroupCommit } from "./group-commit";
import { Semaphore } from "@/lib/semaphore";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-connection-"));
  db = openDb(`file:${path.join(dir, "app.db")}`);
});

afterEach(() => {
  closeDb(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const user = (email: string) => ({ email, name: email, passwordHash: "x", role: "agent" as const, createdAt: 1 });
/** A turn of the event loop: anything else waiting gets to run. */
const yieldToOthers = () => new Promise((resolve) => setTimeout(resolve, 5));
const emails = async () => (await db.select({ email: users.email }).from(users).orderBy(users.id)).map((r) => r.email);

describe("writeTransaction", () => {
  it("runs two transactions that await between statements one after the other, the second seeing the first's rows", async () => {
    const seenBySecond: string[][] = [];
    const first = writeTransaction(db, async (tx) => {
      await tx.insert(users).values(user("a1@x.example"));
      await yieldToOthers();
      await tx.insert(users).values(user("a2@x.example"));
      return "first";
    });
    const second = writeTransaction(db, async (tx) => {
      seenBySecond.push((await tx.select({ email: users.email }).from(users)).map((r) => r.email));
      await tx.insert(users).values(user("b1@x.example"));
      await yieldToOthers();
      await tx.insert(users).values(user("b2@x.example"));
      return "second";
    });
    expect(await Promise.all([first, second])).toEqual(["first", "second"]);
    expect(seenBySecond).toEqual([["a1@x.example", "a2@x.example"]]);
    expect(await emails()).toEqual(["a1@x.example", "a2@x.example", "b1@x.example", "b2@x.example"]);
  });

  it("keeps uncommitted rows from reads on db while the transaction awaits", async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const afterFirstStatement = new Promise<void>((resolve) => (inserted = resolve));
    const tx = writeTransaction(db, async (t) => {
      await t.insert(users).values(user("pending@x.example"));
      expect((await t.select().from(users)).map((u) => u.email)).toEqual(["pending@x.example"]);
      inserted();
      await paused;
    });
    await afterFirstStatement;
    expect(await emails()).toEqual([]);
    release();
    await tx;
    expect(await emails()).toEqual(["pending@x.example"]);
  });

  it("rolls back the statements before and after an await when the function throws", async () => {
    await expect(
      writeTransaction(db, async (tx) => {
        await tx.insert(users).values(user("before@x.example"));
        await yieldToOthers();
        await tx.insert(users).values(user("after@x.example"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await emails()).toEqual([]);
    expect(sqliteConnections(db).writer.inTransaction).toBe(false);
    // The next transaction runs normally.
    await writeTransaction(db, (tx) => tx.insert(users).values(user("next@x.example")));
    expect(await emails()).toEqual(["next@x.example"]);
  });

  it("runs a nested call with the tx inside the outer transaction, and refuses a tx used after its transaction", async () => {
    let leaked!: Db;
    await expect(
      writeTransaction(db, async (tx) => {
        leaked = tx;
        await writeTransaction(tx, (inner) => inner.insert(users).values(user("inner@x.example")));
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(await emails()).toEqual([]);
    await expect(writeTransaction(leaked, (tx) => tx.insert(users).values(user("late@x.example")))).rejects.toThrow(/outside its writeTransaction/);
  });
});

describe("the transactions of one turn of the event loop", () => {
  it("commit together, each keeping its own outcome: one that throws is undone, the others are saved", async () => {
    let seenWhenFirstResolved: string[] = [];
    const first = writeTransaction(db, (tx) => tx.insert(users).values(user("first@x.example"))).then(async () => {
      seenWhenFirstResolved = await emails();
    });
    const failing = writeTransaction(db, async (tx) => {
      await tx.insert(users).values(user("failing@x.example"));
      throw new Error("refused");
    });
    const third = writeTransaction(db, (tx) => tx.insert(users).values(user("third@x.example")));
    await expect(failing).rejects.toThrow("refused");
    await Promise.all([first, third]);
    // One COMMIT: when the first resolved, the third's row was already there for every reader.
    expect(seenWhenFirstResolved).toEqual(["first@x.example", "third@x.example"]);
    expect(await emails()).toEqual(["first@x.example", "third@x.example"]);
  });

  it("roll back a group's first transaction alone when it throws; the next one still commits", async () => {
    const failing = writeTransaction(db, async (tx) => {
      await tx.insert(users).values(user("first-fails@x.example"));
      throw new Error("refused");
    });
    const next = writeTransaction(db, (tx) => tx.insert(users).values(user("next@x.example")));
    await expect(failing).rejects.toThrow("refused");
    await next;
    expect(await emails()).toEqual(["next@x.example"]);
  });

  it("resolve only once their group has committed, so no one acts on a row a reader cannot see yet", async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let settled = false;
    const quick = writeTransaction(db, (tx) => tx.insert(users).values(user("quick@x.example"))).then(() => (settled = true));
    const slow = writeTransaction(db, async (tx) => {
      await paused;
      await tx.insert(users).values(user("slow@x.example"));
    });
    await yieldToOthers();
    expect(settled).toBe(false);
    expect(await emails()).toEqual([]);
    release();
    await Promise.all([quick, slow]);
    expect(await emails()).toEqual(["quick@x.example", "slow@x.example"]);
  });

  it("commit a group still waiting when it is flushed (closeDb does), its members answered then", async () => {
    const { writer, reader } = sqliteConnections(db);
    // A group whose scheduled COMMIT never comes: only flush() commits it.
    const group = new GroupCommit(writer, new Semaphore(1, 10), () => {});
    group.enter();
    writer.prepare("INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('flushed@x.example', 'F', 'x', 'agent', 1)").run();
    let committed = false;
    const waiting = group.leave().then(() => (committed = true));
    await yieldToOthers();
    expect(committed).toBe(false);
    expect(reader.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 0 });
    group.flush();
    await waiting;
    expect(reader.prepare("SELECT email FROM users").all()).toEqual([{ email: "flushed@x.example" }]);
  });

  it("reject every member waiting for a COMMIT when SQLite ends the whole transaction, and the next group starts afresh", async () => {
    const saved = writeTransaction(db, (tx) => tx.insert(users).values(user("lost@x.example")));
    const fatal = writeTransaction(db, async (tx) => {
      await tx.insert(users).values(user("fatal@x.example"));
      tx.$client.exec("ROLLBACK"); // what SQLITE_FULL or an interrupted statement does
      throw new Error("database or disk is full");
    });
    await expect(fatal).rejects.toThrow("disk is full");
    await expect(saved).rejects.toThrow(/rolled back with another one of its group; nothing of it was saved/);
    expect(await emails()).toEqual([]);
    await writeTransaction(db, (tx) => tx.insert(users).values(user("after@x.example")));
    expect(await emails()).toEqual(["after@x.example"]);
  });
});

describe("a transaction that asks for another with the db", () => {
  it("is told to pass the tx on instead of waiting for itself, while a flow it started that outlives it may write", async () => {
    let later!: Promise<unknown>;
    await expect(
      writeTransaction(db, async (tx) => {
        await tx.insert(users).values(user("outer@x.example"));
        // Started inside the transaction, run after it: not the same transaction, so it queues and writes.
        later = yieldToOthers().then(() => writeTransaction(db, (t) => t.insert(users).values(user("after@x.example"))));
        await writeTransaction(db, (t) => t.insert(users).values(user("inner@x.example")));
      }),
    ).rejects.toThrow(/would wait for itself: pass the tx on/);
    await later;
    expect(await emails()).toEqual(["after@x.example"]);
  });
});

describe("the reader", () => {
  it("refuses a write that does not go through writeTransaction", async () => {
    await expect(db.insert(users).values(user("sneaky@x.example"))).rejects.toThrow(/readonly/i);
    await expect(db.update(users).set({ name: "x" }).where(eq(users.id, 1))).rejects.toThrow(/readonly/i);
    expect(await emails()).toEqual([]);
  });
});
