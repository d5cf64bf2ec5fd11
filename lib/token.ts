// Unguessable tokens: the customer's payment link (possession of the link is the only credential), staff session ids,
// page nonces.
import { randomBytesPooled } from "./random-pool";

const TOKEN_BYTES = 16; // 128 bits: infeasible to guess even across millions of live links
const TOKEN_RE = /^[A-Za-z0-9_-]{22}$/;

/** 128 random bits, base64url: URL-safe without escaping; 16 bytes encode to 22 chars with the padding dropped. */
export function randomToken(): string {
  return Buffer.from(randomBytesPooled(TOKEN_BYTES)).toString("base64url");
}

export const newPaymentToken = randomToken;

/** Cheap shape check so malformed URLs are rejected before touching the database. */
export function isWellFormedToken(s: string): boolean {
  return TOKEN_RE.test(s);
}
