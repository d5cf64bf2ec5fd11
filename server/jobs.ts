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

export type JobRunner = { start(): void; stop(): void; kick(name: string): void };

/** Runs each job on its own timer. A run that throws is logged and the job runs again at its next turn. */
export function createJobRunner(jobs: readonly Job[]): JobRunner {
  let started = false;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Set<string>();
  /** Kicked while running: run again as soon as this run ends. */
  const kickedWhileRunning = new Set<string>();

  function schedule(job: Job, delay: number) {
    clearTimeout(timers.get(job.name));
    const timer = setTimeout(() => void runOnce(job), delay);
    timer.unref?.();
    timers.set(job.name, timer);
  }

  async function runOnce(job: Job) {
    timers.delete(job.name);
    if (!started) return;
    running.add(job.name);
    const begun = Date.now();
    try {
      const done = await job.run();
      // Every run is logged; the many that find nothing to do only at debug level.
      logger[done > 0 ? "info" : "debug"]({ job: job.name, done, ms: Date.now() - begun }, "job run");
    } catch (err) {
      logger.error({ err, job: job.name, ms: Date.now() - begun }, "job failed");
    } finally {
      running.delete(job.name);
      const again = kickedWhileRunning.delete(job.name);
      if (started && !timers.has(job.name)) schedule(job, again ? 0 : job.everyMs);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const job of jobs) schedule(job, 0);
    },
    stop() {
      started = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
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
function appJobs(runner: () => JobRunner): Job[] {
  const deliveries = createDeliveryWork({ db: getDb, onSlotFree: () => runner().kick(DELIVERIES) });
  const jobs: Job[] = [
    { name: "expire-payments", everyMs: 15_000, run: async () => expireDuePayments(await getDb()) },
    { name: "purge-idempotency-keys", everyMs: 10 * 60_000, run: async () => purgeIdempotencyKeys(await getDb()) },
    // A bucket idle for an hour is full again at any limit we allow (it refills within six seconds), as a missing row is.
    { name: "purge-rate-buckets", everyMs: 10 * 60_000, run: async () => purgeIdleBuckets(await getDb(), 60 * 60_000) },
  ];
  if (process.env.WEBHOOKS_DISABLED !== "1") jobs.unshift({ name: DELIVERIES, everyMs: 2_000, run: deliveries.run });
  return jobs;
}

const g = globalThis as unknown as { __dpJobs?: JobRunner };

function jobs(): JobRunner {
  return (g.__dpJobs ??= createJobRunner(appJobs(jobs)));
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
