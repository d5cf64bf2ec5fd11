// One entry point for an uploaded statement file: camt XML is read as is, CSV through the bank account's mapping.
import { parseCamt } from "./camt";
import { parseCsv } from "./csv";
import type { CsvMapping } from "./csv-mapping";
import type { ParseResult } from "./statement";

export type StatementFileKind = "camt" | "csv";

/** XML (after a BOM and blank space) is camt; anything else is treated as CSV. */
export function statementFileKind(bytes: Uint8Array): StatementFileKind {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c /* < */ ? "camt" : "csv";
}

/**
 * Parses an uploaded file. A CSV file needs the bank account's saved mapping; without one the answer
 * is `needsMapping`, and the mapping step (readCsvRows + guessMapping) comes first.
 */
export function parseStatementFile(bytes: Uint8Array, mapping: CsvMapping | null): ParseResult | { ok: false; needsMapping: true } {
  if (statementFileKind(bytes) === "camt") return parseCamt(bytes);
  if (mapping === null) return { ok: false, needsMapping: true };
  return parseCsv(bytes, mapping);
}
