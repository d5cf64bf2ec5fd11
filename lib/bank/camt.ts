// ISO 20022 bank-to-customer statements (camt.053), notifications (camt.054) and reports (camt.052), any version.
import { XMLParser } from "fast-xml-parser";
import { parseSignedDecimal } from "../money";
import {
  statementAmount,
  type Balance,
  type Direction,
  type LineError,
  type ParsedStatement,
  type ParseResult,
  type StatementFormat,
  type StatementLine,
} from "./statement";
import { decodeXmlText, isoDate } from "./text";

type Node = { [key: string]: unknown };

/** Elements that may repeat; always arrays, so one entry and ten entries read the same way. */
const REPEATED = new Set(["Stmt", "Ntfctn", "Rpt", "Bal", "Ntry", "NtryDtls", "TxDtls", "Ustrd", "Strd"]);

/** Sts values of entries that are not (yet) money on the account; banks report them again once booked. */
const NOT_BOOKED = new Set(["PDNG", "INFO", "FUTR"]);

const ROOTS: { element: string; item: string; format: StatementFormat }[] = [
  { element: "BkToCstmrStmt", item: "Stmt", format: "camt.053" },
  { element: "BkToCstmrDbtCdtNtfctn", item: "Ntfctn", format: "camt.054" },
  { element: "BkToCstmrAcctRpt", item: "Rpt", format: "camt.052" },
];

const META = XMLParser.getMetaDataSymbol() as unknown as string;

const parser = new XMLParser({
  removeNSPrefix: true, // version-independent: camt.053.001.02 and .001.13 read alike
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false, // amounts and ids stay strings: "0012" and "1.10" must not become numbers
  parseAttributeValue: false,
  processEntities: false, // no DOCTYPE entity expansion, ever; the five XML escapes are decoded by hand
  captureMetaData: true,
  isArray: (name) => REPEATED.has(name),
});

function child(node: unknown, ...path: string[]): unknown {
  let cur = node;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Node)[key];
  }
  return cur;
}

function list(node: unknown, ...path: string[]): Node[] {
  const v = child(node, ...path);
  return Array.isArray(v) ? (v as Node[]) : v && typeof v === "object" ? [v as Node] : [];
}

/** The text of an element (leaf string, or #text beside attributes), decoded, or null when empty. */
function text(node: unknown, ...path: string[]): string | null {
  const v = child(node, ...path);
  const raw = typeof v === "string" ? v : typeof v === "object" && v !== null ? (v as Node)["#text"] : undefined;
  if (typeof raw !== "string") return null;
  const s = decodeXmlText(raw).trim();
  return s === "" ? null : s;
}

function firstText(node: unknown, paths: string[][]): string | null {
  for (const p of paths) {
    const t = text(node, ...p);
    if (t !== null) return t;
  }
  return null;
}

function lineOf(lineStarts: number[], node: unknown): number {
  const index = (node as { [k: string]: { startIndex?: number } | undefined })[META]?.startIndex ?? 0;
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function direction(code: string | null): Direction | null {
  return code === "CRDT" ? "credit" : code === "DBIT" ? "debit" : null;
}

function dateOf(node: unknown, element: string): string | null {
  const raw = firstText(node, [[element, "Dt"], [element, "DtTm"]]);
  const m = raw === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function accountId(node: unknown): string | null {
  return firstText(node, [["Id", "IBAN"], ["Id", "Othr", "Id"]]);
}

type Ctx = { lineStarts: number[]; errors: LineError[] };

function balance(bal: Node, ctx: Ctx): Balance | null {
  const currency = text(bal, "Amt", "@Ccy") ?? "";
  const parsed = parseSignedDecimal(text(bal, "Amt") ?? "", currency);
  const sign = direction(text(bal, "CdtDbtInd"));
  if (!parsed.ok || parsed.minor < 0 || sign === null) {
    const lineNo = lineOf(ctx.lineStarts, bal);
    ctx.errors.push({ lineNo, message: `The balance at line ${lineNo} is not readable.` });
    return null;
  }
  // Balances, unlike lines, may be zero; the sign is CdtDbtInd's, as for entries.
  return { amountMinor: sign === "debit" ? -parsed.minor : parsed.minor, currency, date: dateOf(bal, "Dt") };
}

function balances(stmt: Node, ctx: Ctx): { opening: Balance | null; closing: Balance | null } {
  const byCode = new Map<string, Node>();
  for (const bal of list(stmt, "Bal")) {
    const code = firstText(bal, [["Tp", "CdOrPrtry", "Cd"], ["Tp", "CdOrPrtry", "Prtry"]]);
    if (code !== null && !byCode.has(code)) byCode.set(code, bal);
  }
  // The opening booked balance; a bank that gives only the previous day's closing (PRCD) means the same.
  const open = byCode.get("OPBD") ?? byCode.get("PRCD");
  const close = byCode.get("CLBD");
  return { opening: open ? balance(open, ctx) : null, closing: close ? balance(close, ctx) : null };
}

type EntryCtx = Ctx & { entry: Node; entryNo: number; txCount: number };

function amountOf(tx: Node | null, ec: EntryCtx): { raw: string; currency: string } | null {
  const candidates: unknown[] = tx ? [child(tx, "Amt"), child(tx, "AmtDtls", "TxAmt", "Amt")] : [];
  // One transaction without its own amount is the whole entry; in a batch each needs its own.
  if (ec.txCount <= 1) candidates.push(child(ec.entry, "Amt"));
  for (const c of candidates) {
    const raw = text(c);
    if (raw !== null) return { raw, currency: text(c, "@Ccy") ?? "" };
  }
  return null;
}

function instructedAmount(tx: Node | null, lineCurrency: string): StatementLine["instructedAmount"] {
  const amt = child(tx, "AmtDtls", "InstdAmt", "Amt");
  const raw = text(amt);
  const currency = text(amt, "@Ccy");
  if (raw === null || currency === null || currency === lineCurrency) return null;
  const r = statementAmount(raw, currency);
  return r.ok && r.minor > 0 ? { amountMinor: r.minor, currency } : null;
}

function remittance(tx: Node | null, ec: EntryCtx): { structured: string | null; text: string | null } {
  const rmt = child(tx, "RmtInf");
  let structured: string | null = null;
  for (const strd of list(rmt, "Strd")) {
    structured ??= text(strd, "CdtrRefInf", "Ref");
  }
  const ustrd = list(rmt, "Ustrd")
    .map((u) => text(u))
    .filter((u): u is string => u !== null);
  const free = ustrd.length > 0 ? ustrd.join(" ") : text(tx, "AddtlTxInf") ?? (ec.txCount <= 1 ? text(ec.entry, "AddtlNtryInf") : null);
  return { structured, text: free };
}

function counterparty(tx: Node | null, dir: Direction): { name: string | null; account: string | null } {
  const role = dir === "credit" ? "Dbtr" : "Cdtr";
  const parties = child(tx, "RltdPties");
  return {
    name: firstText(parties, [[role, "Nm"], [role, "Pty", "Nm"]]),
    account: accountId(child(parties, `${role}Acct`)),
  };
}

function bankRef(tx: Node | null, txNo: number, ec: EntryCtx): string | null {
  const own = text(tx, "Refs", "AcctSvcrRef");
  if (own !== null) return own;
  const entryRef = text(ec.entry, "AcctSvcrRef");
  // Transactions of one batch share the entry's reference: tell them apart by their position.
  return entryRef !== null && ec.txCount > 1 ? `${entryRef}/${txNo}` : entryRef;
}

function txLine(tx: Node | null, txNo: number, ec: EntryCtx): StatementLine | null {
  const lineNo = lineOf(ec.lineStarts, tx ?? ec.entry);
  const position = ec.txCount > 1 ? `entry ${ec.entryNo}, transaction ${txNo}` : `entry ${ec.entryNo}`;
  const fail = (problem: string) => {
    ec.errors.push({ lineNo, message: `${position[0].toUpperCase()}${position.slice(1)} (line ${lineNo}): ${problem}.` });
    return null;
  };
  const amount = amountOf(tx, ec);
  if (amount === null) return fail("the amount is missing");
  const parsed = statementAmount(amount.raw, amount.currency);
  if (!parsed.ok) return fail(parsed.problem);
  if (parsed.minor < 0) return fail(`the amount ${JSON.stringify(amount.raw)} is negative; camt gives the sign in CdtDbtInd`);
  const dir = direction(text(tx, "CdtDbtInd") ?? text(ec.entry, "CdtDbtInd"));
  if (dir === null) return fail("CdtDbtInd is neither CRDT nor DBIT");
  const bookingDate = dateOf(ec.entry, "BookgDt") ?? dateOf(ec.entry, "ValDt");
  if (bookingDate === null) return fail("it has no booking or value date");
  const rvsl = text(ec.entry, "RvslInd");
  const e2e = text(tx, "Refs", "EndToEndId");
  const rmt = remittance(tx, ec);
  const party = counterparty(tx, dir);
  return {
    lineNo,
    position,
    amountMinor: parsed.minor,
    currency: amount.currency,
    direction: dir,
    reversal: rvsl === "true" || rvsl === "1",
    bookingDate,
    valueDate: dateOf(ec.entry, "ValDt"),
    bankRef: bankRef(tx, txNo, ec),
    endToEndId: e2e !== null && e2e.toUpperCase() !== "NOTPROVIDED" ? e2e : null,
    structuredRef: rmt.structured,
    remittanceText: rmt.text,
    counterpartyName: party.name,
    counterpartyAccount: party.account,
    instructedAmount: instructedAmount(tx, amount.currency),
  };
}

function entryLines(entry: Node, entryNo: number, ctx: Ctx): StatementLine[] {
  const status = firstText(entry, [["Sts", "Cd"], ["Sts"]]);
  if (status !== null && NOT_BOOKED.has(status)) return [];
  const txs = list(entry, "NtryDtls").flatMap((d) => list(d, "TxDtls"));
  const ec: EntryCtx = { ...ctx, entry, entryNo, txCount: txs.length };
  const lines = txs.length === 0 ? [txLine(null, 1, ec)] : txs.map((tx, i) => txLine(tx, i + 1, ec));
  return lines.filter((l): l is StatementLine => l !== null);
}

function statementOf(stmt: Node, format: StatementFormat, ctx: Ctx, entryOffset: number): ParsedStatement {
  const { opening, closing } = balances(stmt, ctx);
  const lines = list(stmt, "Ntry").flatMap((entry, i) => entryLines(entry, entryOffset + i + 1, ctx));
  return {
    format,
    account: accountId(child(stmt, "Acct")),
    currency: text(stmt, "Acct", "Ccy") ?? opening?.currency ?? closing?.currency ?? null,
    statementId: text(stmt, "Id"),
    openingBalance: opening,
    closingBalance: closing,
    lines,
  };
}

function decode(input: Uint8Array | string): string | null {
  if (typeof input === "string") return input;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return null;
  }
}

/** The Document element: the root, or one level inside an envelope (a business application header wrapper). */
function findDocument(parsed: unknown): unknown {
  if (child(parsed, "Document") !== undefined) return child(parsed, "Document");
  for (const value of Object.values((parsed ?? {}) as Node)) {
    if (child(value, "Document") !== undefined) return child(value, "Document");
  }
  return parsed;
}

/** Parses a camt.052/053/054 file. A DOCTYPE is refused outright: camt never needs one. */
export function parseCamt(input: Uint8Array | string): ParseResult {
  const xml = decode(input);
  if (xml === null) return { ok: false, errors: [{ lineNo: 0, message: "The file is not UTF-8 text, as camt files must be." }] };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return { ok: false, errors: [{ lineNo: 0, message: "The file declares a DOCTYPE or entities; camt files never do, so it is refused." }] };
  }
  let doc: unknown;
  try {
    doc = findDocument(parser.parse(xml));
  } catch (e) {
    return { ok: false, errors: [{ lineNo: 0, message: `The file is not well-formed XML: ${(e as Error).message}` }] };
  }
  const root = ROOTS.find((r) => child(doc, r.element) !== undefined);
  if (!root) {
    return { ok: false, errors: [{ lineNo: 0, message: "This is not a camt.052, camt.053 or camt.054 file." }] };
  }
  const lineStarts = [0];
  for (let i = xml.indexOf("\n"); i >= 0; i = xml.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const ctx: Ctx = { lineStarts, errors: [] };
  let entryOffset = 0;
  const statements = list(doc, root.element, root.item).map((stmt) => {
    const s = statementOf(stmt, root.format, ctx, entryOffset);
    entryOffset += list(stmt, "Ntry").length;
    return s;
  });
  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors };
  if (statements.length === 0) return { ok: false, errors: [{ lineNo: 0, message: `The file holds no ${root.item} element.` }] };
  return { ok: true, statements };
}
