// Unguessable tokens for the customer's payment link: possession of the link is the only credential.
import { randomBytes } from "node:crypto";

const TOKEN_BYTES = 16; // 128 bits: infeasible to guess even across millions of live links
const TOKEN_RE = /^[A-Za-z0-9_-]{22}$/;

export function newPaymentToken(): string {
  // base64url is URL-safe without escaping; 16 bytes encode to 22 chars with the padding dropped.
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** Cheap shape check so malformed URLs are rejected before touching the database. */
export function isWellFormedToken(s: string): boolean {
  return TOKEN_RE.test(s);
}
