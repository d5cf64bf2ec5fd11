// A large transaction's checkpoint on a thread of its own. In WAL mode every commit appends the pages it changed to
// the write-ahead log, and a checkpoint copies them back into the database file. SQLite runs the checkpoint inside the
// COMMIT that takes the log past 1,000 pages, on the connection that commits: on this app's one writer connection that
// is the event loop. For the everyday writes that is the cheaper way (4 MB at a time; a worker checkpointing all the
// time made every write slower, its syncs of the database file queueing with the commits' syncs of the log), but a
// bank statement import commits 40 MB at once, and its COMMIT spent more time copying them back than writing them.
//
// So a bulk transaction (bulkWriteTransaction, ./connection) commits without the checkpoint, and this worker, with a
// connection of its own, copies the log back afterwards (a PASSIVE checkpoint: it takes no write lock, and the writer
// goes on meanwhile, on the other core). Durability is unchanged: a commit is durable once the log is synced
// (synchronous = FULL), whoever copies it later. Should the worker be gone, the writer's next commit checkpoints.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import path from "node:path";
import type Database from "better-sqlite3";

/** SQLite's default wal_autocheckpoint, in pages: the everyday writes' checkpoints stay in their commits. */
export const DEFAULT_AUTOCHECKPOINT = 1000;
/** During a bulk transaction: the writer checkpoints by itself only past this many pages in the log (400 MB). */
export const BULK_AUTOCHECKPOINT = 100_000;

/** What a PRAGMA wal_checkpoint answered: busy (1 if it could not finish), pages in the log, pages copied back. */
export type CheckpointResult = { busy: number; log: number; checkpointed: number };

// CommonJS, run by the worker (eval): the driver's path comes from the main thread, so that no bundler has to follow it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
db.pragma("synchronous = FULL");
parentPort.on("message", (m) => {
  if (m && m.type === "checkpoint") {
    let result = null, error = null;
    try { result = db.pragma("wal_checkpoint(PASSIVE)")[0]; } catch (e) { error = String((e && e.message) || e); }
    parentPort.postMessage({ type: "checkpointed", id: m.id, result, error });
  } else if (m && m.type === "close") {
    db.close();
    parentPort.close();
  }
});
`;

/**
 * Starts the worker for a database file, or returns null when it cannot start (no worker threads, the driver not found
 * from the working directory): the writer then checkpoints by itself, as SQLite does by default.
 */
export function startCheckpointer(file: string): WalCheckpointer | null {
  try {
    return new WalCheckpointer(file);
  } catch {
    return null;
  }
}

export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  #next = 0;
  #exited: Promise<void>;
  #running = true;
  /** The checkpoint asked for last (tests wait for it). */
  latest: Promise<CheckpointResult> | null = null;

  constructor(file: string) {
    const driver = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json")).resolve("better-sqlite3");
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file } });
    // A script that is done exits though the worker would wait on.
    this.#worker.unref();
    this.#worker.on("message", (m: { id: number; result: CheckpointResult | null; error: string | null }) => {
      const w = this.#waiting.get(m.id);
      this.#waiting.delete(m.id);
      if (m.result) w?.resolve(m.result);
      else w?.reject(new Error(m.error ?? "checkpoint failed"));
    });
    this.#worker.on("error", () => {});
    this.#exited = new Promise((resolve) =>
      this.#worker.once("exit", () => {
        this.#running = false;
        for (const w of this.#waiting.values()) w.reject(new Error("The checkpoint worker has stopped"));
        this.#waiting.clear();
        resolve();
      }),
    );
  }

  /** Whether the worker is still running. */
  get running(): boolean {
    return this.#running;
  }

  /** Runs a checkpoint on the worker's connection; resolves to what it did. */
  checkpoint(): Promise<CheckpointResult> {
    if (!this.#running) return Promise.reject(new Error("The checkpoint worker has stopped"));
    const id = this.#next++;
    const done = new Promise<CheckpointResult>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ type: "checkpoint", id });
    });
    this.latest = done;
    // Nobody need wait for it: the writer's next commit checkpoints whatever this one did not.
    done.catch(() => {});
    return done;
  }

  /** Stops the worker (it closes its connection first). */
  async close(): Promise<void> {
    if (!this.#running) return;
    this.#worker.postMessage({ type: "close" });
    // A worker stuck in a call would hold the process: it is ended if it has not closed within five seconds.
    const timeout = setTimeout(() => void this.#worker.terminate(), 5000);
    await this.#exited;
    clearTimeout(timeout);
  }
}
