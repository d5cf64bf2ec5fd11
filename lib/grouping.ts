// How a copyable value is split into groups for display (components/ui/grouped-text.tsx): at its spaces, and an IBAN
// written without spaces into groups of four, as banks print it. The copied value is always the one as written.

const COMPACT_IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

export function groupsOf(value: string): string[] {
  const trimmed = value.trim();
  if (COMPACT_IBAN.test(trimmed)) return trimmed.match(/.{1,4}/g)!;
  return trimmed.split(/\s+/).filter(Boolean);
}
