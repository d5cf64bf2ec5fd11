// The two things the bench asks a real browser: a staff session (signing in through the real login form), and how much
// client JavaScript a page makes Chromium download (compressed, as transferred).
import type { Browser, Page } from "@playwright/test";

const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/** Every wait in the bench's browser work is bounded. */
const TIMEOUT_MS = 30_000;

export async function launchBrowser(): Promise<Browser> {
  // Loaded on use, so that importing the bench (its unit tests) does not load Playwright.
  const { chromium } = await import("@playwright/test");
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: LAUNCH_ARGS });
}

/** Signs in through /login and returns the session cookie as a Cookie header value. */
export async function signIn(browser: Browser, baseUrl: string, email: string, password: string): Promise<string> {
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await Promise.all([page.waitForURL(/\/dashboard/, { timeout: 30_000 }), page.getByRole("button", { name: "Sign in" }).click()]);
    const cookies = await context.cookies(baseUrl);
    const session = cookies.filter((c) => /authjs\.session-token/.test(c.name));
    if (!session.length) throw new Error(`no session cookie after signing in as ${email}`);
    return session.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.close();
  }
}

export type ScriptLoad = { url: string; encodedBytes: number; encoding: string };

/** Every script a fresh browser downloads to show the page (no cache), with its transferred (compressed) body size. */
export async function scriptsOf(browser: Browser, url: string): Promise<ScriptLoad[]> {
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  try {
    const page = await context.newPage();
    const pending: Promise<ScriptLoad | null>[] = [];
    page.on("requestfinished", (req) => {
      if (req.resourceType() !== "script") return;
      pending.push(
        (async () => {
          const res = await req.response();
          if (!res) return null;
          const sizes = await req.sizes();
          return { url: req.url(), encodedBytes: sizes.responseBodySize, encoding: (await res.allHeaders())["content-encoding"] ?? "identity" };
        })(),
      );
    });
    await page.goto(url, { waitUntil: "networkidle" });
    return (await Promise.all(pending)).filter((x): x is ScriptLoad => x != null);
  } finally {
    await context.close();
  }
}

export function sumKb(loads: ScriptLoad[]): number {
  return loads.reduce((a, b) => a + b.encodedBytes, 0) / 1024;
}

/** One real click that posts a form, as the browser sent it: URL, every header, the body. */
export async function captureAction(
  browser: Browser,
  opts: { url: string; baseUrl: string; cookie?: string; act: (page: Page) => Promise<void> },
): Promise<{ url: string; method: string; headers: Record<string, string>; body: Buffer; status: number }> {
  const context = await browser.newContext();
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  try {
    if (opts.cookie) {
      await context.addCookies(
        opts.cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: opts.baseUrl })),
      );
    }
    const page = await context.newPage();
    // Wait for the scripts to run: with JavaScript the page checks the form first (the post itself is the same).
    await page.goto(opts.url, { waitUntil: "networkidle" });
    const [req] = await Promise.all([page.waitForRequest((r) => r.method() === "POST", { timeout: 30_000 }), opts.act(page)]);
    const res = await req.response();
    // The 303 comes after the write; the page it leads to is loaded too, which the capture does not need.
    await Promise.race([res?.finished(), new Promise((r) => setTimeout(r, 3000))]);
    return { url: req.url(), method: req.method(), headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0), status: res?.status() ?? 0 };
  } finally {
    await context.close();
  }
}
