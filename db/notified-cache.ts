// PostgreSQL: the rows nearly every request reads and hardly anything changes — a session's user, an API key, the
// business profile — kept in this process's memory, and forgotten on every instance as soon as any instance changes
// them. Triggers (drizzle-pg/0012) send a notification on CACHE_CHANNEL from every transaction that changes one of
// those tables; PostgreSQL delivers it at COMMIT to every connection listening, and each instance listens on one
// connection of its own (beside its pool). One arriving empties the whole cache. A staff request is then one round
// trip fewer (the session's user), and an API request too (its key).
//
// Never stale beyond a notification's way here:
// - nothing is kept while that connection is not listening (before its LISTEN has answered, after it dropped): a
//   notification missed then cannot leave an entry behind;
// - a read that began before a notification arrived is not kept (the generation count): its row may predate the change;
// - this process's own changes empty it at once (`forget`), without waiting for their notification;
// - an entry is also dropped after MAX_AGE_MS, a safety net for a connection that died without saying so.
// SQLite has no cache: its reads are in-process (microseconds), and a script (create-user) may change the same file
// from another process with nothing to tell this one.
import pg from "pg";

export const CACHE_CHANNEL = "direct_payments_cache";
/** The listening connection's application_name (pg_stat_activity shows it; a test ends it to see the cache stop). */
export const LISTENER_NAME = "direct-payments cache listener";
const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 60_000;
const RETRY_MS = 5_000;

type Entry = { value: unknown; at: number };

export class NotifiedCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private client: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private retryAt = 0;

  constructor(private readonly url: string) {}

  /**
   * `load()`'s value for `key`, from memory when this process holds it and still listens. An undefined value (no
   * such row) is never kept: a row made afterwards is found at once.
   */
  async read<T>(key: string, load: () => Promise<T | undefined>, now = Date.now()): Promise<T | undefined> {
    if (!this.listening) {
      this.listen(now);
      return load();
    }
    const hit = this.entries.get(key);
    if (hit && now - hit.at < MAX_AGE_MS) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, at: now });
    }
    return value;
  }

  /** Empties the cache, and keeps reads already under way from filling it again with what they read. */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Whether the listening connection is up (entries are kept only then). */
  get isListening(): boolean {
    return this.listening;
  }

  /** Ends the listening connection; reads go to the database from then on. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  /** Connects and LISTENs, unless already doing so or a failed attempt was less than RETRY_MS ago. */
  private listen(now: number): void {
    if (this.client || this.closed || now < this.retryAt) return;
    const client = new pg.Client({ connectionString: this.url, application_name: LISTENER_NAME });
    this.client = client;
    const failed = () => {
      if (this.client !== client) return;
      this.client = null;
      this.retryAt = Date.now() + RETRY_MS;
      this.stopListening();
      client.end().catch(() => {});
    };
    client.on("error", failed);
    client.on("end", failed);
    client.on("notification", (n) => {
      if (n.channel === CACHE_CHANNEL) this.forget();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${CACHE_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        // Whatever changed before this point was never kept; reads from here on may be.
        this.forget();
        this.listening = true;
      }, failed);
  }

  private stopListening(): void {
    this.listening = false;
    this.forget();
  }
}
