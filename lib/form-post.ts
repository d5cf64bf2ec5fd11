// The payer's forms (choice of method, "I have paid") and the agents' Approve and Cancel post to route handlers, which
// answer as a form post expects: 303 See Other to the page that shows the outcome, with or without JavaScript.

/**
 * A post another site made a browser send (cross-site request forgery): refused before anything is read. Browsers
 * send Origin with every POST and Sec-Fetch-Site with every request; a request with neither (curl, a test) is judged
 * by what it can do without a browser's cookies, which is nothing more than its own credentials allow.
 */
export function isCrossSite(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Whether a post declares a body of at most `max` bytes (browsers always declare it); a bigger one is not read. */
export function declaredWithin(headers: Headers, max: number): boolean {
  return Number(headers.get("content-length") ?? NaN) <= max;
}

/** To the page that shows the outcome (a path of ours). */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

export function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function crossSiteRefused(): Response {
  return new Response("Cross-site form posts are refused.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
