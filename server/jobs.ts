// The server's background jobs, each on its own interval: webhook deliveries, the expiry of overdue payments, and
// forgetting idempotency keys past their lifetime. One runner per server process, started by instrumentation.ts. More
// than one process may run them at once: each job's work is claimed (deliveries) or guarded (expiry) in the database.
import { getDb } from "@/db/client";
import { purgeIdempotencyKeys } from "@/db/api";
import { purgeIdleBuckets } from "@/db/rate-limits";
import { expireDuePayments } from "@/db/payments";
import { logger } from "./logger";
import { createDeliveryWork } from "./webhook-delivery";
import { createEmailWork } from "./email-sender";
import { writeDueDigests, writeDueReminders } from "@/db/email-schedule";
import { mailIsConfigured, mailTimeScale } from "@/lib/email/config";

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
const EMAILS = "email-outbox";

/** This installation's jobs. Expiry every 15 s: reads show an overdue payment as expired meanwhile (effectiveStatus). */
function appJobs(runner: () => JobRunner, deliveries: DeliveryWork, emails: EmailWork): Job[] {
  const jobs: Job[] = [
    { name: "expire-payments", everyMs: 15_000, run: async () => expireDuePayments(await getDb()) },
    { name: "purge-idempotency-keys", everyMs: 10 * 60_000, run: async () => purgeIdempotencyKeys(await getDb()) },
    // A bucket idle for an hour is full again at any limit we allow (it refills within six seconds), as a missing row is.
    { name: "purge-rate-buckets", everyMs: 10 * 60_000, run: async () => purgeIdleBuckets(await getDb(), 60 * 60_000) },
  ];
  if (process.env.WEBHOOKS_DISABLED !== "1") jobs.unshift({ name: DELIVERIES, everyMs: 2_000, run: deliveries.run });
  if (mailIsConfigured()) {
    // State changes kick the sender, so the poll only picks up retries that came due. Digests and reminders are
    // written by their own jobs into the outbox, then kick the sender.
    const scale = mailTimeScale();
    const thenKick = (n: number) => (n > 0 && runner().kick(EMAILS), n);
    jobs.push(
      { name: EMAILS, everyMs: Math.max(200, Math.min(5_000, Math.round(60_000 * scale))), run: emails.run },
      { name: "email-digests", everyMs: Math.max(200, Math.round(30_000 * scale)), run: async () => thenKick(await writeDueDigests(await getDb(), Date.now(), scale)) },
      { name: "email-reminders", everyMs: 60_000, run: async () => thenKick(await writeDueReminders(await getDb())) },
    );
  }
  return jobs;
}

type DeliveryWork = ReturnType<typeof createDeliveryWork>;
type EmailWork = ReturnType<typeof createEmailWork>;
const g = globalThis as unknown as { __dpJobs?: { runner: JobRunner; deliveries: DeliveryWork; emails: EmailWork } };

function app() {
  if (!g.__dpJobs) {
    const deliveries = createDeliveryWork({ db: getDb, onSlotFree: () => jobs().kick(DELIVERIES) });
    const emails = createEmailWork({ db: getDb });
    g.__dpJobs = { runner: createJobRunner(appJobs(jobs, deliveries, emails)), deliveries, emails };
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

/** A state change wrote webhook deliveries (and perhaps e-mail): send them now rather than at the next poll. */
export function kickWebhookDeliveries(): void {
  jobs().kick(DELIVERIES);
  jobs().kick(EMAILS);
}

/** A change wrote e-mail to the outbox: send it now rather than at the next poll. */
export function kickEmailOutbox(): void {
  jobs().kick(EMAILS);
}

/**
 * For a shutdown: starts no more job runs and claims no more deliveries, waits for the runs in progress, and gives
 * the deliveries in flight until `timeoutMs` after the call to finish; the claims of those still going are released.
 */
export async function stopJobs(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const { runner, deliveries, emails } = app();
  await Promise.race([runner.stop(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref?.())]);
  const [released, releasedEmails] = await Promise.all([deliveries.drain(Math.max(0, deadline - Date.now())), emails.drain(Math.max(0, deadline - Date.now()))]);
  logger.info({ released, releasedEmails }, "jobs stopped");
}
