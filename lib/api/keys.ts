// API keys: "dp_live_" + 32 random characters. Only a SHA-256 hash is stored; the first 16 characters are shown in lists.
import crypto from "node:crypto";

export const API_KEY_PREFIX = "dp_live_";

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + crypto.randomBytes(24).toString("base64url");
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** The key from an "Authorization: Bearer …" header, or null. */
export function bearerKey(header: string | null): string | null {
  const m = /^Bearer\s+(dp_live_[A-Za-z0-9_-]{32})\s*$/.exec(header ?? "");
  return m ? m[1] : null;
}
