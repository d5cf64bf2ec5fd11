// The cursor of a keyset-paginated list: the (time, id) of the last row shown, opaque to whoever holds it.

export type Cursor = { t: number; id: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.t}.${c.id}`).toString("base64url");
}

/** The cursor, or null for anything this app did not hand out (a query string is anyone's to write). */
export function decodeCursor(s: string | undefined | null): Cursor | null {
  if (!s || s.length > 64) return null;
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(s, "base64url").toString());
  return m ? { t: Number(m[1]), id: Number(m[2]) } : null;
}
