// Small text helpers shared by the statement parsers: XML escapes and calendar dates.

export const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYYMMDD", "DD.MM.YY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const XML_ESCAPES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * Decodes the five predefined XML escapes and numeric character references in one pass (so "&amp;lt;"
 * stays "&lt;"). Anything else that looks like an entity is left as written: we never expand DOCTYPE entities.
 */
export function decodeXmlText(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g, (whole, hex, dec, name) => {
    if (name) return XML_ESCAPES[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** "YYYY-MM-DD" for a real calendar date, else null (no 31 February). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: [number, number, number] }> = {
  "YYYY-MM-DD": { re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/, order: [1, 2, 3] },
  "DD.MM.YYYY": { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s.*)?$/, order: [3, 2, 1] },
  "DD/MM/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/, order: [3, 2, 1] },
  "MM/DD/YYYY": { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/, order: [3, 1, 2] },
  YYYYMMDD: { re: /^(\d{4})(\d{2})(\d{2})$/, order: [1, 2, 3] },
  "DD.MM.YY": { re: /^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:\s.*)?$/, order: [3, 2, 1] },
};

/** A date cell in the given format (a time after it is ignored) to YYYY-MM-DD, or null. */
export function readDate(cell: string, format: DateFormat): string | null {
  const { re, order } = DATE_PATTERNS[format];
  const m = re.exec(cell.trim());
  if (!m) return null;
  const year = format === "DD.MM.YY" ? 2000 + Number(m[order[0]]) : Number(m[order[0]]);
  return isoDate(year, Number(m[order[1]]), Number(m[order[2]]));
}
