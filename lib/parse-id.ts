// A row id from a URL segment or a form field: a positive integer, or null for anything else.

export function parseId(raw: string | null | undefined): number | null {
  if (typeof raw !== "string" || !/^\d{1,12}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}
