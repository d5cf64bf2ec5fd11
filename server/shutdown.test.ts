// Graceful shutdown: with Next.js's own signal handler, its exit waits until the jobs are stopped and the database is
// closed, in that order; without one, we exit ourselves with the signal's code once done.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { installGracefulShutdown } from "./shutdown";

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: (number | string | null | undefined)[] = [];
  const proc = Object.assign(emitter, { exit: (code?: number | string | null) => void exits.push(code) }) as unknown as NodeJS.Process;
  return { proc, exits };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("installGracefulShutdown", () => {
  it("holds Next.js's exit until the jobs have stopped and then the database is closed", async () => {
    const { proc, exits } = fakeProcess();
    const steps: string[] = [];
    let jobsDone: () => void = () => {};
    installGracefulShutdown(
      {
        stopJobs: (timeoutMs) => (steps.push(`stop jobs within ${timeoutMs}`), new Promise<void>((resolve) => (jobsDone = () => (steps.push("jobs stopped"), resolve())))),
        closeDatabase: async () => void steps.push("database closed"),
      },
      { timeoutMs: 10_000, proc },
    );
    // Next.js's handler: closes its server, then exits.
    proc.on("SIGTERM", () => setTimeout(() => proc.exit(143), 1));
    proc.emit("SIGTERM");
    await tick();
    expect(steps).toEqual(["stop jobs within 10000"]);
    expect(exits).toEqual([]);
    jobsDone();
    await tick();
    expect(steps).toEqual(["stop jobs within 10000", "jobs stopped", "database closed"]);
    expect(exits).toEqual([143]);
  });

  it("exits by itself with the signal's code when nothing else handles the signal", async () => {
    const { proc, exits } = fakeProcess();
    const steps: string[] = [];
    installGracefulShutdown({ stopJobs: async () => void steps.push("jobs stopped"), closeDatabase: async () => void steps.push("database closed") }, { proc });
    proc.emit("SIGINT");
    await tick();
    expect(steps).toEqual(["jobs stopped", "database closed"]);
    expect(exits).toEqual([130]);
  });

  it("still closes the database and exits when stopping the jobs fails", async () => {
    const { proc, exits } = fakeProcess();
    let closed = false;
    installGracefulShutdown({ stopJobs: () => Promise.reject(new Error("boom")), closeDatabase: async () => void (closed = true) }, { proc });
    proc.emit("SIGTERM");
    await tick();
    expect(closed).toBe(true);
    expect(exits).toEqual([143]);
  });
});
