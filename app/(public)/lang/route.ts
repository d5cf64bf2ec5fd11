// The language switcher: a plain link (works without JavaScript) that sets the cookie and goes back.
import { NextResponse, type NextRequest } from "next/server";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n";
import { returnPath } from "@/lib/return-path";

export function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get("to");
  // Back to a page of ours only (lib/return-path.ts), so the switcher cannot be used as an open redirect. The Location
  // is a path: the browser resolves it against the address it used, whatever host the server thinks it has.
  const res = new NextResponse(null, { status: 303, headers: { Location: returnPath(request.nextUrl.searchParams.get("next")), "Cache-Control": "no-store" } });
  if (isLocale(to)) {
    res.cookies.set(LOCALE_COOKIE, to, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: true });
  }
  return res;
}
