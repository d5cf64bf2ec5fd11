// The multipart parser Next.js ships for its own server actions (busboy 1.x, compiled into next; no types shipped).
// Only what server/receipt-upload.ts uses.
declare module "next/dist/compiled/busboy" {
  import type { Readable, Writable } from "node:stream";

  namespace busboy {
    type Limits = { fieldNameSize?: number; fieldSize?: number; fields?: number; fileSize?: number; files?: number; parts?: number; headerPairs?: number };
    type FileInfo = { filename: string; encoding: string; mimeType: string };
    type FieldInfo = { nameTruncated: boolean; valueTruncated: boolean; encoding: string; mimeType: string };

    interface FileStream extends Readable {
      /** Set when the file reached limits.fileSize: the rest of it was dropped. */
      truncated: boolean;
    }

    interface Busboy extends Writable {
      on(event: "file", listener: (name: string, stream: FileStream, info: FileInfo) => void): this;
      on(event: "field", listener: (name: string, value: string, info: FieldInfo) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  function busboy(config: { headers: Record<string, string | undefined>; limits?: busboy.Limits; highWaterMark?: number; fileHwm?: number; defParamCharset?: string }): busboy.Busboy;
  export = busboy;
}
