// The matrix's own server: the production build on a database of its own, so no other test's writes can show up in
// its before/after comparison (the rest of the suite shares the webServer of playwright.config.ts, in parallel).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { signIn, USERS } from "../helpers";

export type MatrixServer = { origin: string; dataDir: string; log: string; stop: () => Promise<void> };

/** Starts scripts/e2e-server.mjs (fresh seeded database in `dataDir`, or where `serverEnv` says); its output goes to `log`. */
export async function startMatrixServer(port: number, dataDir: string, log: string, serverEnv: Record<string, string> = {}): Promise<MatrixServer> {
  const dir = path.resolve(dataDir);
  // No webhook dispatcher: it would write delivery attempts in the background, at any moment.
  // E-mail "on" but with a broken SMTP_URL (a user without a password): actions write their mail to the outbox, where
  // the matrix sees it, and no sender ever writes an attempt in the background.
  const env = { ...process.env, ...serverEnv, WEBHOOKS_DISABLED: "1", SMTP_URL: "smtp://matrix-probe@mail.invalid", MAIL_FROM: "Matrix <matrix@example.com>" };
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, "w");
  const child = spawn(process.execPath, ["scripts/e2e-server.mjs", String(port), dir], { env, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  const origin = `http://localhost:${port}`;
  const stop = () => stopGroup(child);
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the matrix server on port ${port} exited with ${child.exitCode}; see ${log}`);
      const ok = await fetch(`${origin}/login`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 600) throw new Error(`the matrix server on port ${port} did not answer /login`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { origin, dataDir: dir, log, stop };
}

/** The launcher and the Next.js server it started (one process group). */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

/** Signs in through the login page (whatever sign-in does inside) and returns the browser's cookies as a header. */
export async function sessionCookie(browser: Browser, origin: string, who: keyof typeof USERS): Promise<string> {
  const context = await browser.newContext({ baseURL: origin });
  try {
    const page = await context.newPage();
    await signIn(page, who);
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.close();
  }
}
