import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkReceiptStart } from "@/lib/receipt";
import { Semaphore } from "@/lib/semaphore";
import { commitReceipt, discardReceipt, readReceiptPost, type ReceiptPost, type ReceiptPostOptions } from "./receipt-upload";

const BOUNDARY = "----dp-test-7f3a";
const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const CHUNK = 64 * 1024;

const field = (name: string, value: string) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
const fileHead = (name: string, filename = "receipt.pdf", type = "application/pdf") =>
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
const fileEnd = Buffer.from("\r\n");
const closing = Buffer.from(`--${BOUNDARY}--\r\n`);

function headers(contentLength?: number) {
  const h = new Headers({ "content-type": `multipart/form-data; boundary=${BOUNDARY}` });
  if (contentLength != null) h.set("content-length", String(contentLength));
  return h;
}

/** A body made on demand, chunk by chunk, that counts what the reader pulled: nothing exists before it is asked for. */
function generatedBody(pieces: () => Generator<Buffer>) {
  let pulled = 0;
  let cancelled = false;
  const it = pieces();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = it.next();
      if (next.done) return controller.close();
      pulled += next.value.length;
      controller.enqueue(new Uint8Array(next.value));
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
}

/** A PDF of `size` bytes, as CHUNK-sized pieces made one at a time. */
function* pdfBytes(size: number): Generator<Buffer> {
  for (let sent = 0; sent < size; sent += CHUNK) {
    const piece = Buffer.alloc(Math.min(CHUNK, size - sent), 0x20);
    if (sent === 0) Buffer.from("%PDF-1.7\n").copy(piece);
    yield piece;
  }
}

/** A body whose pieces the test hands over one by one, and ends when it chooses. */
function heldBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }, { highWaterMark: 0 });
  return { stream, send: (b: Buffer) => controller.enqueue(new Uint8Array(b)), end: () => controller.close() };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-upload-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = (over: Partial<ReceiptPostOptions> = {}): ReceiptPostOptions => ({
  dir: path.join(dir, "uploads"),
  fileField: "receipt",
  acceptFile: true,
  maxFileBytes: 1024 * 1024,
  maxBodyBytes: 1024 * 1024 + 64 * 1024,
  slots: new Semaphore(4, 4),
  ...over,
});
const filesLeft = () => (fs.existsSync(path.join(dir, "uploads")) ? fs.readdirSync(path.join(dir, "uploads")) : []);
const staged = (r: ReceiptPost) => (r.outcome === "read" && r.receipt?.status === "staged" ? r.receipt.file : null);

describe("readReceiptPost", () => {
  it("reads the fields and writes the receipt whole to a temp file, typed by its bytes; committing puts it in place", async () => {
    const body = Buffer.concat([field("transactionId", "TX-42"), fileHead("receipt", "r.png", "image/png"), PNG_1X1, fileEnd, closing]);
    const read = await readReceiptPost(new Blob([body]).stream(), headers(body.length), options());
    expect(read.outcome).toBe("read");
    if (read.outcome !== "read") return;
    expect(read.fields.get("transactionId")).toBe("TX-42");
    const file = staged(read)!;
    expect(file.size).toBe(PNG_1X1.length);
    expect(checkReceiptStart(file.size, file.head)).toEqual({ ok: true, mime: "image/png", ext: "png" });
    expect(fs.readFileSync(file.tempPath).equals(PNG_1X1)).toBe(true);
    expect(path.dirname(file.tempPath)).toBe(path.join(dir, "uploads"));

    const finalPath = path.join(dir, "uploads", "a".repeat(32) + ".png");
    await commitReceipt(file, finalPath);
    expect(filesLeft()).toEqual(["a".repeat(32) + ".png"]);
    expect(fs.readFileSync(finalPath).equals(PNG_1X1)).toBe(true);
  });

  it("refuses a body over the limit while reading it: stops pulling at the limit, keeps what was typed, leaves no file", async () => {
    const opts = options();
    // 100 MB that would only exist if the reader asked for it all; no Content-Length, as with a chunked upload.
    const body = generatedBody(function* () {
      yield field("transactionId", "KEEP");
      yield fileHead("receipt");
      yield* pdfBytes(100 * 1024 * 1024);
    });
    const read = await readReceiptPost(body.stream, headers(), { ...opts, maxFileBytes: 50 * 1024 * 1024 });
    expect(read).toEqual({ outcome: "too_large", fields: new Map([["transactionId", "KEEP"]]) });
    expect(body.pulled()).toBeLessThanOrEqual(opts.maxBodyBytes + 4 * CHUNK);
    expect(body.cancelled()).toBe(true);
    expect(filesLeft()).toEqual([]);
  });

  it("a receipt over its limit stops being written at the limit and is removed; the fields after it are still read", async () => {
    const opts = options({ maxBodyBytes: 8 * 1024 * 1024 });
    const body = generatedBody(function* () {
      yield fileHead("receipt");
      yield* pdfBytes(3 * 1024 * 1024);
      yield fileEnd;
      yield field("transactionId", "AFTER");
      yield closing;
    });
    const read = await readReceiptPost(body.stream, headers(), opts);
    expect(read).toEqual({ outcome: "read", fields: new Map([["transactionId", "AFTER"]]), receipt: { status: "too_large" } });
    expect(filesLeft()).toEqual([]);
    expect(opts.slots.active).toBe(0);
  });

  it("a file of exactly the limit is kept", async () => {
    const opts = options();
    const body = generatedBody(function* () {
      yield fileHead("receipt");
      yield* pdfBytes(opts.maxFileBytes);
      yield fileEnd;
      yield closing;
    });
    const file = staged(await readReceiptPost(body.stream, headers(), opts))!;
    expect(file.size).toBe(opts.maxFileBytes);
    expect(checkReceiptStart(file.size, file.head)).toMatchObject({ ok: true, ext: "pdf" });
    await discardReceipt(file);
    expect(filesLeft()).toEqual([]);
  });

  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const opts = options();
    const body = generatedBody(function* () {
      yield fileHead("receipt");
      yield* pdfBytes(50 * 1024 * 1024);
    });
    const read = await readReceiptPost(body.stream, headers(opts.maxBodyBytes + 1), opts);
    expect(read.outcome).toBe("too_large");
    expect(body.pulled()).toBe(0);
    expect(filesLeft()).toEqual([]);
  });

  it("an empty file box costs no turn and no file; a receipt the method does not take is skipped", async () => {
    const none = new Semaphore(0, 0); // every turn refused
    // What a browser sends when no file was chosen: a part with an empty file name and no bytes.
    const empty = Buffer.concat([field("transactionId", "T"), fileHead("receipt", "", "application/octet-stream"), fileEnd, closing]);
    expect(await readReceiptPost(new Blob([empty]).stream(), headers(empty.length), options({ slots: none }))).toMatchObject({ outcome: "read", receipt: null });
    // The same with a file name, as some clients send it.
    const named = Buffer.concat([field("transactionId", "T"), fileHead("receipt", "none.png"), fileEnd, closing]);
    expect(await readReceiptPost(new Blob([named]).stream(), headers(named.length), options({ slots: none }))).toEqual({
      outcome: "read",
      fields: new Map([["transactionId", "T"]]),
      receipt: null,
    });
    const full = Buffer.concat([fileHead("receipt", "r.png", "image/png"), PNG_1X1, fileEnd, closing]);
    const off = await readReceiptPost(new Blob([full]).stream(), headers(full.length), options({ acceptFile: false }));
    expect(off).toEqual({ outcome: "read", fields: new Map(), receipt: null });
    expect(filesLeft()).toEqual([]);
  });

  it("a malformed or cut-off body is refused and leaves no file", async () => {
    const cut = Buffer.concat([fileHead("receipt", "r.png", "image/png"), PNG_1X1]);
    expect(await readReceiptPost(new Blob([cut]).stream(), headers(cut.length), options())).toEqual({ outcome: "malformed" });
    expect(await readReceiptPost(new Blob(["a=1"]).stream(), new Headers({ "content-type": "text/plain" }), options())).toEqual({ outcome: "malformed" });
    expect(filesLeft()).toEqual([]);
  });

  it("writes at most N receipts at once: the next waits with its body unread until one finishes, and beyond the queue one is turned away", async () => {
    const slots = new Semaphore(2, 1);
    const opts = options({ slots });
    const order: string[] = [];
    const upload = (name: string, stream: ReadableStream<Uint8Array>) =>
      readReceiptPost(stream, headers(), opts).then((r) => {
        order.push(`${name}: ${r.outcome === "read" ? (r.receipt?.status ?? "none") : r.outcome}`);
        return r;
      });
    const complete = () => new Blob([fileHead("receipt", "r.png", "image/png"), PNG_1X1, fileEnd, closing]).stream();

    // Two uploads begin and stay open, each with a slot and a temp file.
    const first = heldBody();
    const second = heldBody();
    const firstDone = upload("first", first.stream);
    const secondDone = upload("second", second.stream);
    for (const b of [first, second]) b.send(Buffer.concat([fileHead("receipt", "r.png", "image/png"), PNG_1X1.subarray(0, 20)]));
    await vi.waitFor(() => expect(filesLeft()).toHaveLength(2));
    expect(slots.active).toBe(2);

    // A third, whole body waits for a turn, writing nothing.
    const thirdDone = upload("third", complete());
    await vi.waitFor(() => expect(slots.waiting).toBe(1));
    // A fourth finds the queue full and is turned away at once.
    const fourth = await upload("fourth", complete());
    expect(fourth).toMatchObject({ outcome: "read", receipt: { status: "busy" } });
    expect(filesLeft()).toHaveLength(2);
    expect(order).toEqual(["fourth: busy"]);

    // The first finishes: its slot passes to the third.
    first.send(Buffer.concat([PNG_1X1.subarray(20), fileEnd, closing]));
    first.end();
    const third = await thirdDone;
    expect(order).toEqual(["fourth: busy", "first: staged", "third: staged"]);
    expect(fs.readFileSync(staged(third)!.tempPath).equals(PNG_1X1)).toBe(true);

    second.send(Buffer.concat([PNG_1X1.subarray(20), fileEnd, closing]));
    second.end();
    await secondDone;
    expect(order).toEqual(["fourth: busy", "first: staged", "third: staged", "second: staged"]);
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
    for (const r of [await firstDone, await secondDone, third]) expect(fs.readFileSync(staged(r)!.tempPath).equals(PNG_1X1)).toBe(true);
  });

  it("an upload waiting for a turn gives up after slotWaitMs, writing nothing", async () => {
    const slots = new Semaphore(1, 4);
    const held = await slots.acquire();
    const body = new Blob([field("transactionId", "WAITED"), fileHead("receipt", "r.png", "image/png"), PNG_1X1, fileEnd, closing]).stream();
    // The slot is never given back: only the wait's own limit ends it.
    const read = await readReceiptPost(body, headers(), options({ slots, slotWaitMs: 50 }));
    expect(read).toEqual({ outcome: "read", fields: new Map([["transactionId", "WAITED"]]), receipt: { status: "busy" } });
    expect([slots.active, slots.waiting]).toEqual([1, 0]);
    expect(filesLeft()).toEqual([]);
    held!();
  });

  it("an upload that gets its turn within slotWaitMs is staged whole, and its slot given back", async () => {
    const slots = new Semaphore(1, 4);
    const held = await slots.acquire();
    const body = new Blob([field("transactionId", "IN-TIME"), fileHead("receipt", "r.png", "image/png"), PNG_1X1, fileEnd, closing]).stream();
    const pending = readReceiptPost(body, headers(), options({ slots, slotWaitMs: 60_000 }));
    await vi.waitFor(() => expect(slots.waiting).toBe(1));
    held!();
    const read = await pending;
    expect(read).toMatchObject({ outcome: "read", fields: new Map([["transactionId", "IN-TIME"]]), receipt: { status: "staged" } });
    expect(fs.readFileSync(staged(read)!.tempPath).equals(PNG_1X1)).toBe(true);
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });

  it("an upload waiting for a turn gives up when its signal aborts (the payer left)", async () => {
    const slots = new Semaphore(1, 4);
    const held = await slots.acquire();
    const gaveUp = new AbortController();
    const body = new Blob([field("transactionId", "KEEP"), fileHead("receipt", "r.png", "image/png"), PNG_1X1, fileEnd, closing]).stream();
    const pending = readReceiptPost(body, headers(), options({ slots, signal: gaveUp.signal }));
    await vi.waitFor(() => expect(slots.waiting).toBe(1));
    gaveUp.abort();
    expect(await pending).toEqual({ outcome: "read", fields: new Map([["transactionId", "KEEP"]]), receipt: { status: "busy" } });
    expect(filesLeft()).toEqual([]);
    held!();
  });
});
