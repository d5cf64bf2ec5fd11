// Reads the payer's "I have paid" post (multipart) as a stream: the fields into memory (a few small strings), the
// receipt straight into a temp file beside the stored receipts, counting bytes as they come. Nothing is ever held
// whole in memory, a body over the limit is refused as soon as it is known to be, and at most a few receipts are
// written at once per process (the others wait, with the rest of their body unread, or are turned away).
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
// Next.js's own compiled copy of busboy (the parser behind its server actions), so no new dependency: a well-kept
// streaming multipart parser we would not want to write again. If a Next.js upgrade moves it, this import fails
// at build time, not quietly.
import busboy from "next/dist/compiled/busboy";
import { RECEIPT_SNIFF_BYTES } from "@/lib/receipt";
import type { Semaphore } from "@/lib/semaphore";

export type ReceiptPostOptions = {
  /** Where receipts are stored: the temp file is made there, so putting it in place is a rename. */
  dir: string;
  /** The file field that carries the receipt; any other file is skipped unread. */
  fileField: string;
  /** False when the method takes no receipt: the file is skipped unread. */
  acceptFile: boolean;
  maxFileBytes: number;
  /** The whole body: a declared Content-Length above it is refused before reading, a longer body when it gets there. */
  maxBodyBytes: number;
  /** Bounds how many receipts are written at once. */
  slots: Semaphore;
  /** Stops waiting for a slot (the payer went away). */
  signal?: AbortSignal;
  /** How long a receipt waits for a slot before it is given up on (the payer is asked to send it again). */
  slotWaitMs?: number;
};

/**
 * A receipt written whole to a temp file, with its first bytes to tell its type by (lib/receipt.ts checkReceiptStart):
 * put it in place with commitReceipt, or remove it with discardReceipt.
 */
export type StagedReceipt = { tempPath: string; size: number; head: Uint8Array; /** The name the browser gave the file (display only). */ name: string | null };

export type ReceiptPart = { status: "staged"; file: StagedReceipt } | { status: "too_large" } | { status: "busy" };

export type ReceiptPost =
  /** `receipt` is null when no file (or an empty one) came. */
  | { outcome: "read"; fields: Map<string, string>; receipt: ReceiptPart | null }
  /** The body is over maxBodyBytes: refused, with the fields read before that point. */
  | { outcome: "too_large"; fields: Map<string, string> }
  /** Not a form post, cut off, or malformed. */
  | { outcome: "malformed" };

class BodyTooLarge extends Error {}
/** Our side failed to write (the disk): not the payer's doing, so it is thrown, not answered as a bad form. */
class ReceiptWriteFailed extends Error {}
const onDisk = <T>(p: Promise<T>): Promise<T> =>
  p.catch((err: unknown) => {
    throw new ReceiptWriteFailed("Could not write the receipt", { cause: err });
  });

const TEMP_SUFFIX = ".part";

export async function readReceiptPost(body: ReadableStream<Uint8Array> | null, headers: Headers, opts: ReceiptPostOptions): Promise<ReceiptPost> {
  const fields = new Map<string, string>();
  const declared = headers.get("content-length");
  if (declared != null && !(Number(declared) <= opts.maxBodyBytes)) return { outcome: "too_large", fields };

  let parser: busboy.Busboy;
  try {
    // fileSize one over the limit: busboy marks a file that reaches fileSize exactly as truncated.
    parser = busboy({
      headers: { "content-type": headers.get("content-type") ?? undefined },
      // Browsers send a file's name as raw UTF-8 (a Russian name stays readable).
      defParamCharset: "utf8",
      limits: { fileSize: opts.maxFileBytes + 1, files: 2, fields: 20, fieldSize: 8 * 1024, parts: 30, headerPairs: 20 },
    });
  } catch {
    return { outcome: "malformed" };
  }

  const stop = new AbortController();
  let receipt: Promise<ReceiptPart | null> | null = null;
  parser.on("field", (name, value) => {
    if (!fields.has(name)) fields.set(name, value);
  });
  parser.on("file", (name, stream, info) => {
    if (name !== opts.fileField || !opts.acceptFile || receipt) {
      stream.resume();
      return;
    }
    // A failure to write (disk full) stops the whole read; the part's own cleanup has run by then. Any other failure of
    // the part is the body's (cut off, malformed, too large), and fails the pipeline below as well.
    receipt = stageReceipt(stream, opts, displayFileName(info?.filename));
    receipt.catch((err) => err instanceof ReceiptWriteFailed && stop.abort(err));
  });

  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > opts.maxBodyBytes) done(new BodyTooLarge());
      else done(null, chunk);
    },
  });

  let failure: unknown = null;
  try {
    const source = body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]);
    // On failure pipeline destroys every stream: the source's reading is cancelled and busboy ends the file part.
    await pipeline(source, counter, parser, { signal: stop.signal });
  } catch (err) {
    failure = err;
  }
  const part = receipt
    ? await (receipt as Promise<ReceiptPart | null>).catch((err: unknown) => {
        if (err instanceof ReceiptWriteFailed) throw err.cause;
        return null;
      })
    : null;
  if (failure == null) return { outcome: "read", fields, receipt: part };
  if (part?.status === "staged") await discardReceipt(part.file);
  return failure instanceof BodyTooLarge ? { outcome: "too_large", fields } : { outcome: "malformed" };
}

/**
 * A slot, or null once `signal` aborts or `ms` have passed. The timer exists only while waiting (a timeout signal made
 * for every post would fire long after most of them, each raising an exception nobody reads).
 */
async function acquireWithin(slots: Semaphore, signal: AbortSignal, ms: number | undefined): Promise<(() => void) | null> {
  if (ms == null) return slots.acquire(signal);
  const waited = new AbortController();
  const timer = setTimeout(() => waited.abort(), ms);
  try {
    return await slots.acquire(AbortSignal.any([signal, waited.signal]));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes one file part to a temp file, holding a slot from the first byte to the last. Whatever happens, the part is
 * read to its end (busboy finishes only when every file part has been), and no temp file is left unless it is staged.
 */
async function stageReceipt(stream: busboy.FileStream, opts: ReceiptPostOptions, name: string | null): Promise<ReceiptPart | null> {
  let state: "waiting" | "writing" | "busy" | "too_large" = "waiting";
  let release: (() => void) | null = null;
  let file: fs.FileHandle | null = null;
  let tempPath: string | null = null;
  let size = 0;
  const head = Buffer.alloc(RECEIPT_SNIFF_BYTES);
  let staged = false;
  // Waiting ends when the read is given up on, too (the body turned out too large, or the connection dropped).
  const partGone = new AbortController();
  stream.once("close", () => partGone.abort());
  const signal = opts.signal ? AbortSignal.any([opts.signal, partGone.signal]) : partGone.signal;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (state === "waiting") {
        // The slot is taken at the first byte, so an empty file box costs nothing; while waiting, the rest of the
        // body stays unread (busboy and the socket hold back).
        release = await acquireWithin(opts.slots, signal, opts.slotWaitMs);
        if (!release) {
          state = "busy";
          continue;
        }
        await onDisk(fs.mkdir(opts.dir, { recursive: true }));
        tempPath = path.join(opts.dir, `${crypto.randomBytes(16).toString("hex")}${TEMP_SUFFIX}`);
        file = await onDisk(fs.open(tempPath, "wx", 0o600));
        state = "writing";
      }
      if (state !== "writing") continue; // the rest of a part we do not keep is read and dropped
      if (size + chunk.length > opts.maxFileBytes) {
        // Too large: stop writing here, remove what was written, and free the slot for someone else.
        state = "too_large";
        await onDisk(file!.close());
        file = null;
        await onDisk(fs.rm(tempPath!, { force: true }));
        tempPath = null;
        release!();
        release = null;
        continue;
      }
      if (size < RECEIPT_SNIFF_BYTES) chunk.copy(head, size, 0, Math.min(chunk.length, RECEIPT_SNIFF_BYTES - size));
      await onDisk(writeAll(file!, chunk));
      size += chunk.length;
    }
    if (state === "busy") return { status: "busy" };
    if (state === "too_large" || stream.truncated) return { status: "too_large" };
    if (state === "waiting") return null; // no bytes: no file was chosen
    await onDisk(file!.close());
    file = null;
    staged = true;
    return { status: "staged", file: { tempPath: tempPath!, size, head: head.subarray(0, Math.min(size, RECEIPT_SNIFF_BYTES)), name } };
  } finally {
    await file?.close().catch(() => {});
    if (tempPath && !staged) await fs.rm(tempPath, { force: true });
    release?.();
  }
}

/** A file name fit to show back: its last path segment, without control characters, at most 200 characters. */
export function displayFileName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  // eslint-disable-next-line no-control-regex
  const base = raw.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base ? base.slice(0, 200) : null;
}

async function writeAll(file: fs.FileHandle, chunk: Buffer) {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Puts a staged receipt in place under its final name: a rename within the one folder, so it appears whole or not at all. */
export async function commitReceipt(file: StagedReceipt, finalPath: string): Promise<void> {
  await fs.rename(file.tempPath, finalPath);
}

export async function discardReceipt(file: StagedReceipt): Promise<void> {
  await fs.rm(file.tempPath, { force: true });
}
