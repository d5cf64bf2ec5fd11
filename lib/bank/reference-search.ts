// Finding our payment reference (plain or as an ISO 11649 RF creditor reference) in a bank statement line.
import { isValidCreditorReference, normalizeReference, REFERENCE_LENGTH } from "../reference";

export type ReferenceField = "structured" | "end_to_end" | "text";
export type ReferenceHit = { reference: string; field: ReferenceField; form: "plain" | "rf" };

type Token = { text: string; joined: boolean };

/** Cyrillic capitals that look like Latin ones: a payer on a Russian keyboard types "АВСЕ" for "ABCE". */
const CYRILLIC_LOOKALIKES: Record<string, string> = {
  А: "A", В: "B", С: "C", Е: "E", Н: "H", К: "K", М: "M", О: "O", Р: "P", Т: "T", Х: "X",
};

/**
 * Uppercase alphanumeric tokens. `joined` says the token follows the previous one across nothing but
 * spaces or dashes — the separators people put inside a reference ("ABCD-EFGH", "RF18 ABCD EFGH").
 */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /[A-Z0-9]+/g;
  const s = input.toUpperCase().replace(/[АВСЕНКМОРТХ]/g, (c) => CYRILLIC_LOOKALIKES[c]);
  let last = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const between = last < 0 ? null : s.slice(last, m.index);
    tokens.push({ text: m[0], joined: between !== null && /^[\s\-\u2010-\u2015\u2212]+$/.test(between) });
    last = m.index + m[0].length;
  }
  return tokens;
}

/**
 * A piece of a grouped IBAN, card or phone number: a group of four with a digit in it ("DE89", "0532"),
 * or a short run of digits ("00", "495"). A short word like "E2E" or "for" is not one.
 */
function isNumberChunk(t: Token | undefined): boolean {
  if (t === undefined || t.text.length > 4 || !/\d/.test(t.text)) return false;
  return t.text.length === 4 || /^\d+$/.test(t.text);
}

/** A candidate spanning tokens [from, to) must not continue into a grouped number on either side. */
function standsAlone(tokens: Token[], from: number, to: number): boolean {
  const before = tokens[from - 1];
  const after = tokens[to];
  if (tokens[from].joined && isNumberChunk(before)) return false;
  if (after?.joined && isNumberChunk(after)) return false;
  return true;
}

function asPlain(candidate: string): string | null {
  return candidate.length === REFERENCE_LENGTH ? normalizeReference(candidate) : null;
}

function asRf(candidate: string): string | null {
  if (!/^RF\d{2}/.test(candidate) || candidate.length !== REFERENCE_LENGTH + 4) return null;
  const ref = normalizeReference(candidate.slice(4));
  return ref !== null && isValidCreditorReference(`${candidate.slice(0, 4)}${ref}`) ? ref : null;
}

function joinedRun(tokens: Token[], from: number, count: number): string | null {
  if (from + count > tokens.length) return null;
  for (let i = from + 1; i < from + count; i++) if (!tokens[i].joined) return null;
  return tokens.slice(from, from + count).map((t) => t.text).join("");
}

/** The ways a reference is written: one token, or a grouped run of them (plain, or as an RF creditor reference). */
const SHAPES: { count: number; rf: boolean; ok: (parts: Token[]) => boolean }[] = [
  { count: 1, rf: false, ok: (p) => p[0].text.length === 8 },
  { count: 1, rf: true, ok: (p) => p[0].text.length === 12 },
  { count: 2, rf: false, ok: (p) => p[0].text.length === 4 && p[1].text.length === 4 },
  { count: 2, rf: true, ok: (p) => /^RF\d\d$/.test(p[0].text) && p[1].text.length === 8 },
  { count: 3, rf: true, ok: (p) => /^RF\d\d$/.test(p[0].text) && p.every((t) => t.text.length === 4) },
];

/** Every reference that reads as a standalone token or a grouped run of tokens, in text order. */
function searchText(input: string): { reference: string; form: "plain" | "rf"; digitsOnly: boolean }[] {
  const tokens = tokenize(input);
  const found: { reference: string; form: "plain" | "rf"; digitsOnly: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const shape of SHAPES) {
      const joined = joinedRun(tokens, i, shape.count);
      if (joined === null || !shape.ok(tokens.slice(i, i + shape.count))) continue;
      const reference = shape.rf ? asRf(joined) : asPlain(joined);
      if (reference === null) continue;
      const digitsOnly = /^\d+$/.test(joined);
      // A grouped candidate, or a bare number, must not be a slice of a longer grouped number.
      if ((shape.count > 1 || digitsOnly) && !standsAlone(tokens, i, i + shape.count)) continue;
      found.push({ reference, form: shape.rf ? "rf" : "plain", digitsOnly });
    }
  }
  return found;
}

/** A dedicated field (structured reference, end-to-end id) holding just the reference, in any spacing. */
function wholeField(input: string): { reference: string; form: "plain" | "rf" } | null {
  const compact = input.toUpperCase().replace(/[АВСЕНКМОРТХ]/g, (c) => CYRILLIC_LOOKALIKES[c]).replace(/[\s\-\u2010-\u2015\u2212._]/g, "");
  const rf = asRf(compact);
  if (rf !== null) return { reference: rf, form: "rf" };
  const plain = asPlain(compact);
  return plain !== null ? { reference: plain, form: "plain" } : null;
}

export type ReferenceSource = { structuredRef: string | null; endToEndId: string | null; remittanceText: string | null };

/**
 * All distinct references found, best first: the structured reference, then the end-to-end id, then
 * the free text; inside the free text, all-digit candidates come last, since an order number or a
 * date passes the check symbol one time in 32. The caller takes the first one that is a real payment.
 */
export function findReferences(line: ReferenceSource): ReferenceHit[] {
  const hits: ReferenceHit[] = [];
  const add = (reference: string, field: ReferenceField, form: "plain" | "rf") => {
    if (!hits.some((h) => h.reference === reference)) hits.push({ reference, field, form });
  };
  const fields: [ReferenceField, string | null][] = [
    ["structured", line.structuredRef],
    ["end_to_end", line.endToEndId],
    ["text", line.remittanceText],
  ];
  for (const [field, value] of fields) {
    if (!value) continue;
    const whole = field === "text" ? null : wholeField(value);
    if (whole) {
      add(whole.reference, field, whole.form);
      continue;
    }
    const found = searchText(value);
    for (const f of [...found.filter((x) => !x.digitsOnly), ...found.filter((x) => x.digitsOnly)]) add(f.reference, field, f.form);
  }
  return hits;
}

/** The best reference found in a line, or null. */
export function findReference(line: ReferenceSource): ReferenceHit | null {
  return findReferences(line)[0] ?? null;
}
