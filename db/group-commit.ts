// SQLite's write transactions, committed in groups. Every COMMIT waits for an fsync of the WAL (synchronous = FULL) and
// writes each page the transaction changed, the same last page of an index again and again for transactions one
// after another. The transactions that start while the server handles one batch of ready requests (one turn of the
// event loop) run one after another as before, each inside a SAVEPOINT of one SQLite transaction, and that
// transaction commits once, after them (setImmediate): one fsync and one copy of each shared page for all of them.
//
// Each member keeps its own outcome: one that throws is rolled back to its savepoint, the others stay (the first of a
// group has no savepoint: it is alone in the transaction, so a throw rolls all of it back, and a large transaction such
// as a bank import does not copy every page it changes into a savepoint's journal); a member's
// promise (writeTransaction's) resolves only once the COMMIT has returned, so nobody acts on a write that is not yet
// durable, and the reader connection sees all of the group's rows at once. Should SQLite end the whole transaction by
// itself (SQLITE_FULL, an interrupt) or the COMMIT fail, every member waiting for it is rejected. The rule it needs:
// a transaction never waits for another one (it would wait for a COMMIT that waits for it), the same rule that
// makes writeTransaction refuse the db inside a transaction's own flow.
import type Database from "better-sqlite3";
import type { Semaphore } from "@/lib/semaphore";

type Member = { resolve: () => void; reject: (err: unknown) => void };

export class GroupCommit {
  readonly #client: Database.Database;
  readonly #lock: Semaphore;
  readonly #defer: (fn: () => void) => void;
  readonly #sql: Record<"begin" | "commit" | "rollback" | "savepoint" | "release" | "rollbackTo", Database.Statement>;
  /** Non-null from BEGIN to COMMIT: the members that finished and wait for it. */
  #members: Member[] | null = null;
  /** The running member began the group: it runs without a savepoint. */
  #first = false;

  /** `lock` is the writer's mutex: members run under it, and the COMMIT takes it too. */
  constructor(client: Database.Database, lock: Semaphore, defer: (fn: () => void) => void = setImmediate) {
    this.#client = client;
    this.#lock = lock;
    this.#defer = defer;
    const prepare = (source: string) => client.prepare(source);
    this.#sql = {
      begin: prepare("BEGIN IMMEDIATE"),
      commit: prepare("COMMIT"),
      rollback: prepare("ROLLBACK"),
      savepoint: prepare("SAVEPOINT member"),
      release: prepare("RELEASE member"),
      rollbackTo: prepare("ROLLBACK TO member"),
    };
  }

  /** Starts a member (the caller holds the lock): BEGIN IMMEDIATE for the first of a group, a SAVEPOINT for the others. */
  enter(): void {
    this.#first = !this.#members;
    if (this.#first) {
      this.#sql.begin.run();
      this.#members = [];
      this.#defer(() => void this.#commitWhenFree());
    } else {
      this.#sql.savepoint.run();
    }
  }

  /** A member succeeded (the caller still holds the lock): its savepoint joins the group. Resolves once committed. */
  leave(): Promise<void> {
    if (!this.#first) this.#sql.release.run();
    const members = this.#members!;
    return new Promise((resolve, reject) => members.push({ resolve, reject }));
  }

  /** A member threw (the caller still holds the lock): undo its own statements; if it was the first, or SQLite ended the transaction, the group ends. */
  abandon(): void {
    if (this.#client.inTransaction && !this.#first) {
      this.#sql.rollbackTo.run();
      this.#sql.release.run();
      return;
    }
    // The group's first member (alone in it), or SQLite ended the transaction itself: it all goes.
    if (this.#client.inTransaction) this.#sql.rollback.run();
    const members = this.#members ?? [];
    this.#members = null;
    const lost = new Error("The write transaction was rolled back with another one of its group; nothing of it was saved. Try again.");
    for (const m of members) m.reject(lost);
  }

  /** Commits an open group now (closing the database); no member may be running. */
  flush(): void {
    this.#commit();
  }

  async #commitWhenFree(): Promise<void> {
    const release = (await this.#lock.acquire())!;
    try {
      this.#commit();
    } finally {
      release();
    }
  }

  #commit(): void {
    const members = this.#members;
    if (!members) return;
    this.#members = null;
    try {
      this.#sql.commit.run();
    } catch (err) {
      if (this.#client.inTransaction) this.#sql.rollback.run();
      for (const m of members) m.reject(err);
      return;
    }
    for (const m of members) m.resolve();
  }
}
