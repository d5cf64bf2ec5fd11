// Graceful shutdown on SIGTERM and SIGINT, alongside `next start`'s own handling. Next.js stops taking connections,
// waits for the requests in progress and then calls process.exit; we stop the background jobs at once (no new runs,
// no new deliveries claimed, those in flight given until the deadline and then released), and hold that exit until
// the jobs are stopped and the database is closed. Without Next.js's handler (NEXT_MANUAL_SIG_HANDLE), we exit
// ourselves once done, with the code the signal would have given.
import os from "node:os";
import { logger } from "./logger";

export type ShutdownSteps = {
  /** Stops the jobs; resolves within `timeoutMs`. */
  stopJobs(timeoutMs: number): Promise<void>;
  closeDatabase(): Promise<void>;
};

type Proc = Pick<NodeJS.Process, "once" | "listenerCount" | "exit">;

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export function installGracefulShutdown(steps: ShutdownSteps, { timeoutMs = 10_000, proc = process as Proc } = {}): void {
  const exit = proc.exit.bind(proc);
  let finished: Promise<void> | null = null;

  /** Jobs first (started at the signal), the database once the requests are done too; errors logged, never thrown. */
  function finish(jobsStopped: Promise<void>): Promise<void> {
    return (finished ??= jobsStopped
      .catch((err) => logger.error({ err }, "stopping the jobs failed"))
      .then(() => steps.closeDatabase())
      .catch((err) => logger.error({ err }, "closing the database failed")));
  }

  for (const signal of SIGNALS) {
    proc.once(signal, () => {
      if (finished) return;
      logger.info({ signal }, "shutting down");
      const jobsStopped = steps.stopJobs(timeoutMs);
      // Next.js's handler runs too when it is there: its process.exit waits for us.
      const nextHandles = proc.listenerCount(signal) > 0;
      if (nextHandles) {
        proc.exit = ((code?: number | string | null) => {
          const hardStop = setTimeout(() => exit(code), timeoutMs + 5_000);
          hardStop.unref?.();
          void finish(jobsStopped).then(() => exit(code));
        }) as Proc["exit"];
      } else {
        void finish(jobsStopped).then(() => exit(128 + os.constants.signals[signal]));
      }
    });
  }
}
