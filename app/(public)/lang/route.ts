// The language switcher: a plain link (works without JavaScript) that sets the cookie and goes back.
import { NextResponse, type NextRequest } from "next/server";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n";

export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get("to");
  const next = request.nextUrl.searchParams.get("next") ?? "/";
  // Only same-site paths, so the switcher cannot be used as an open redirect.
  const safeNext = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
  const res = NextResponse.redirect(new URL(safeNext, request.nextUrl.origin), 303);
  if (isLocale(to)) {
    res.cookies.set(LOCALE_COOKIE, to, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  }
  return res;
}
