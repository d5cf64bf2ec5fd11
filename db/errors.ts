// Recognising database errors the same way on every engine.

/**
 * True when err (or an error in its `cause` chain: drizzle wraps driver errors) is a unique violation on the given
 * column or constraint: SQLite's "UNIQUE constraint failed: payments.reference", or PostgreSQL's code 23505 with the
 * constraint's name (payments_reference_unique, see db/schema-pg.ts). Pass the SQLite "table.column" or a part of
 * the pg constraint name; both are matched by inclusion.
 */
export function isUniqueViolation(err: unknown, columnOrConstraint: string): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === "23505" && typeof constraint === "string" && constraint.includes(columnOrConstraint.replace(".", "_"))) return true;
    if (typeof message === "string" && message.includes("UNIQUE constraint failed") && message.includes(columnOrConstraint)) return true;
  }
  return false;
}
