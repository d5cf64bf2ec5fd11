// Where a link of ours may send the browser back to (the language switcher's ?next=): a page of this app, never
// another site.
import { isWellFormedToken } from "./token";

// Any origin works for resolving: only whether the result stays on it matters.
const BASE = "http://return-path.invalid";

/** The app's pages a switcher may return to: the payer's page, sign-in, the dashboard, the status page, the root. */
function isOurPage(pathname: string): boolean {
  if (pathname === "/" || pathname === "/status" || pathname === "/login") return true;
  if (pathname === "/dashboard" || /^\/dashboard\/[A-Za-z0-9/_-]+$/.test(pathname)) return !pathname.includes("//");
  const pay = /^\/pay\/([^/]+)$/.exec(pathname);
  return pay != null && isWellFormedToken(pay[1]);
}

/**
 * The path (and query) to go back to, or `fallback` when `next` is anything but a page of ours. `next` is resolved
 * the way the browser will resolve the Location header: the URL parser drops tabs and line breaks and reads "\" as
 * "/", so "/\t/evil.example" or "/\\evil.example" name another host although they start with a single "/".
 */
export function returnPath(next: string | null | undefined, fallback = "/"): string {
  if (!next) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !isOurPage(url.pathname)) return fallback;
  return url.pathname + url.search;
}
