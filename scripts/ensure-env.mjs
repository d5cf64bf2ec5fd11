// Writes .env.local with a random AUTH_SECRET on first run, so `next start` can sign sessions.
import crypto from "node:crypto";
import fs from "node:fs";

const file = ".env.local";
const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
const lines = [];
if (!/^AUTH_SECRET=/m.test(current)) lines.push(`AUTH_SECRET=${crypto.randomBytes(32).toString("base64url")}`);
if (!/^AUTH_TRUST_HOST=/m.test(current)) lines.push("AUTH_TRUST_HOST=true");
if (lines.length) {
  fs.writeFileSync(file, (current && !current.endsWith("\n") ? current + "\n" : current) + lines.join("\n") + "\n", { mode: 0o600 });
  console.log(`Wrote ${lines.map((l) => l.split("=")[0]).join(", ")} to ${file}`);
}
