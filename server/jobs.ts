// The server's background jobs, each on its own interval: webhook deliveries, the expiry of overdue payments, and
// forgetting idempotency keys past their lifetime. One runner per server process, started by instrumentation.ts. More
// than one process may run them at once: each job's work is claimed (deliveries) or guarded (expiry) in the database.
import { getDb } from "@/db/client";
import { purgeIdempotencyKeys } from "@/db/api";
import { purgeIdleBuckets } from "@/db/rate-limits";
import { expireDuePayments } from "@/db/payments";
import { logger } from "./logger";
import { createDeliveryWork } from "./webhook-delivery";

export type Job = {
  name: string;
  /** How long after one run ends the next starts (sooner when kicked). */
  everyMs: number;
  /** Does the job's work; returns how many things it did (logged). */
  run(): number | Promise<number>;
};

export type JobRunner = {
  start(): void;
  /** Starts no more runs; resolves when the runs in progress have ended. */
  stop(): Promise<void>;
  kick(name: string): void;
};

/** Runs each job on its own timer. A run that throws is logged and the job runs again at its next turn. */
export function createJobRunner(jobs: readonly Job[]): JobRunner {
  let started = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Map<string, Promise<void>>();
  /** Kicked while running: run again as soon as this run ends. */
  const kickedWhileRunning = new Set<string>();

  function schedule(job: Job, delay: number) {
    clearTimeout(timers.get(job.name));
    const timer = setTimeout(() => void runOnce(job), delay);
    timer.unref?.();
    timers.set(job.name, timer);
  }

  function runOnce(job: Job): Promise<void> {
    timers.delete(job.name);
    if (!started) return Promise.resolve();
    const run = runAndLog(job).finally(() => {
      running.delete(job.name);
      const again = kickedWhileRunning.delete(job.name);
      if (started && !timers.has(job.name)) schedule(job, again ? 0 : job.everyMs);
    });
    running.set(job.name, run);
    return run;
  }

  async function runAndLog(job: Job) {
    const begun = Date.now();
    try {
      const done = await job.run();
      // Every run is logged; the many that find nothing to do only at debug level.
      logger[done > 0 ? "info" : "debug"]({ job: job.name, done, ms: Date.now() - begun }, "job run");
    } catch (err) {
      logger.error({ err, job: job.name, ms: Date.now() - begun }, "job failed");
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const job of jobs) schedule(job, 0);
    },
    async stop() {
      started = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      kickedWhileRunning.clear();
      await Promise.all(running.values());
    },
    kick(name) {
      const job = jobs.find((j) => j.name === name);
      if (!started || !job) return;
      if (running.has(name)) kickedWhileRunning.add(name);
      else schedule(job, 0);
    },
  };
}

const DELIVERIES = "webhook-deliveries";

/** This installation's jobs. Expiry every 15 s: reads show an overdue payment as expired meanwhile (effectiveStatus). */
function appJobs(runner: () => JobRunner, deliveries: DeliveryWork): Job[] {
  const jobs: Job[] = [
    { name: "expire-payments", everyMs: 15_000, run: async () => expireDuePayments(await getDb()) },
    { name: "purge-idempotency-keys", everyMs: 10 * 60_000, run: async () => purgeIdempotencyKeys(await getDb()) },
    // A bucket idle for an hour is full again at any limit we allow (it refills within six seconds), as a missing row is.
    { name: "purge-rate-buckets", everyMs: 10 * 60_000, run: async () => purgeIdleBuckets(await getDb(), 60 * 60_000) },
  ];
  if (process.env.WEBHOOKS_DISABLED !== "1") jobs.unshift({ name: DELIVERIES, everyMs: 2_000, run: deliveries.run });
  return jobs;
}

type DeliveryWork = ReturnType<typeof createDeliveryWork>;
const g = globalThis as unknown as { __dpJobs?: { runner: JobRunner; deliveries: DeliveryWork } };

function app() {
  if (!g.__dpJobs) {
    const deliveries = createDeliveryWork({ db: getDb, onSlotFree: () => jobs().kick(DELIVERIES) });
    g.__dpJobs = { runner: createJobRunner(appJobs(jobs, deliveries)), deliveries };
  }
  return g.__dpJobs;
}

function jobs(): JobRunner {
  return app().runner;
}

export function startJobs(): void {
  if (!process.env.APP_URL && process.env.NODE_ENV === "production") {
    logger.warn("APP_URL is not set: webhook payloads will link to http://localhost (lib/public-origin.ts).");
  }
  jobs().start();
}

/** A state change wrote webhook deliveries: send them now rather than at the next poll. */
export function kickWebhookDeliveries(): void {
  jobs().kick(DELIVERIES);
}

/**
 * For a shutdown: starts no more job runs and claims no more deliveries, waits for the runs in progress, and gives
 * the deliveries in flight until `timeoutMs` after the call to finish; the claims of those still going are released.
 */
export async function stopJobs(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const { runner, deliveries } = app();
  await Promise.race([runner.stop(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref?.())]);
  const released = await deliveries.drain(Math.max(0, deadline - Date.now()));
  logger.info({ released }, "jobs stopped");
}
