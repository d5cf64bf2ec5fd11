// Headers on every response: next.config.ts sets them for the app, proxy.ts for the pages it answers itself.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // same-origin: the token in /pay/ URLs never leaks to other sites, while our own form posts keep their Origin header,
  // which the server actions and lib/form-post.ts check (no-referrer would make browsers send "Origin: null", refused).
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};
