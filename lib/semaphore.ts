// A counting semaphore with a bounded, first-come queue: at most `max` holders at once, at most `maxWaiting` waiting.

export type Release = () => void;

export class Semaphore {
  #active = 0;
  readonly #queue: { grant: (release: Release | null) => void }[] = [];

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * A slot: at once while fewer than `max` are held, else after those before it in the queue. Resolves to null, never
   * waiting, when the queue is full, and to null when `signal` aborts while it waits. Call the release once when done.
   */
  acquire(signal?: AbortSignal): Promise<Release | null> {
    if (signal?.aborted) return Promise.resolve(null);
    if (this.#active < this.max) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const onAbort = () => {
        const i = this.#queue.indexOf(entry);
        if (i >= 0) this.#queue.splice(i, 1);
        resolve(null);
      };
      const entry = {
        grant: (release: Release | null) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      this.#queue.push(entry);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first in line, so a newcomer cannot overtake the queue.
      const next = this.#queue.shift();
      if (next) next.grant(this.#releaser());
      else this.#active--;
    };
  }
}
